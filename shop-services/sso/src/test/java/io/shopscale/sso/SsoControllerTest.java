package io.shopscale.sso;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Optional;
import java.util.UUID;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import io.shopscale.kit.testing.ShopKitWebSlice;

/** sso's web layer: what it accepts, and problem details for the rest. */
@WebMvcTest(SsoController.class)
@Import(ShopKitWebSlice.class)
class SsoControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Accounts accounts;
    @MockitoBean
    private TokenIssuer tokens;

    @Test
    void aShopperRegistersWithoutAToken() throws Exception {
        UUID id = UUID.randomUUID();
        when(accounts.register("ada@example.test", "Ada", "correct horse"))
                .thenReturn(new User(id, "ada@example.test", "Ada", "hash"));

        mvc.perform(post("/api/sso/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"ada@example.test\",\"name\":\"Ada\",\"password\":\"correct horse\"}"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.userId").value(id.toString()))
                .andExpect(jsonPath("$.passwordHash").doesNotExist());
    }

    @Test
    void aBadRegistrationSaysWhichFieldIsWrongAndCreatesNoAccount() throws Exception {
        mvc.perform(post("/api/sso/register").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"not-an-email\",\"name\":\"Ada\",\"password\":\"short\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(Matchers.allOf(Matchers.containsString("email"),
                        Matchers.containsString("password"))));
        verify(accounts, never()).register(anyString(), anyString(), anyString());
    }

    @Test
    void aWrongPasswordIsA401ThatDoesNotSayWhichPartWasWrong() throws Exception {
        when(accounts.authenticate(any(), any())).thenReturn(Optional.empty());

        mvc.perform(post("/api/sso/login").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"ada@example.test\",\"password\":\"wrong password\"}"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value("The email or the password is wrong."));
        verify(tokens, never()).issue(any());
    }
}
