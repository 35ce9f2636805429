package io.shopscale.sso;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.shopscale.kit.web.ShopProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api/sso")
class SsoController {

    private final Accounts accounts;
    private final TokenIssuer tokens;

    SsoController(Accounts accounts, TokenIssuer tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    Registered register(@Valid @RequestBody Registration registration) {
        User user = accounts.register(registration.email(), registration.name(), registration.password());
        return new Registered(user.id(), user.email(), user.name());
    }

    @PostMapping("/login")
    TokenIssuer.IssuedToken login(@Valid @RequestBody Login login) {
        User user = accounts.authenticate(login.email(), login.password())
                .orElseThrow(() -> new ShopProblem(HttpStatus.UNAUTHORIZED, "Login failed",
                        "The email or the password is wrong."));
        return tokens.issue(user);
    }

    record Registration(
            @NotBlank(message = "is required") @Email(message = "must be an email address")
            @Size(max = 254, message = "must be at most 254 characters") String email,
            @NotBlank(message = "is required") @Size(max = 100, message = "must be at most 100 characters") String name,
            @NotBlank(message = "is required")
            @Size(min = 8, max = 72, message = "must be 8 to 72 characters long") String password) {
    }

    record Registered(UUID userId, String email, String name) {
    }

    record Login(@NotBlank(message = "is required") @Size(max = 254, message = "must be at most 254 characters") String email,
            @NotBlank(message = "is required") @Size(max = 200, message = "must be at most 200 characters") String password) {
    }
}
