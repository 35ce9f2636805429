package io.shopscale.kit.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import io.shopscale.kit.web.ProblemJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses a call to {@code /internal/**} that does not carry the stack's {@link InternalCredential}: 401 with a
 * problem detail, before any controller runs, so the call changes nothing. Anyone who reaches a replica's or the
 * gateway's private address is refused without the credential.
 */
class InternalCredentialFilter extends OncePerRequestFilter {

    static final RequestMatcher INTERNAL_PATHS = PathPatternRequestMatcher.withDefaults().matcher("/internal/**");

    private final InternalCredential credential;

    InternalCredentialFilter(InternalCredential credential) {
        this.credential = credential;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!INTERNAL_PATHS.matches(request) || credential.accepts(request.getHeader(InternalCredential.HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        String detail = credential.isSet()
                ? "Paths under /internal are for the stack's own services: send the stack's internal credential in "
                        + InternalCredential.HEADER + "."
                : "Paths under /internal are for the stack's own services, and this replica holds no internal "
                        + "credential (shop.internal.token), so it refuses them all.";
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ProblemJson.render(HttpStatus.UNAUTHORIZED, "Internal credential required",
                detail));
    }
}
