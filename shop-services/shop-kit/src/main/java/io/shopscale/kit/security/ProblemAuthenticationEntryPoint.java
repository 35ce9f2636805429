package io.shopscale.kit.security;

import java.io.IOException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;

import io.shopscale.kit.web.ProblemJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Answers a missing or bad token with 401 and a problem detail that says which of the two it was. */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException failure) throws IOException {
        boolean tokenSent = request.getHeader("Authorization") != null;
        String detail = tokenSent
                ? "The bearer token is not valid" + reason(failure) + ". Log in again to get a new one."
                : "This request needs a bearer token. Log in and send it as 'Authorization: Bearer <token>'.";
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader("WWW-Authenticate", tokenSent ? "Bearer error=\"invalid_token\"" : "Bearer");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write(ProblemJson.render(HttpStatus.UNAUTHORIZED,
                tokenSent ? "Invalid token" : "Authentication required", detail));
    }

    private static String reason(AuthenticationException failure) {
        if (failure instanceof InvalidBearerTokenException && failure.getMessage() != null) {
            String message = failure.getMessage();
            if (message.contains("expired")) {
                return " (it has expired)";
            }
        }
        return "";
    }
}
