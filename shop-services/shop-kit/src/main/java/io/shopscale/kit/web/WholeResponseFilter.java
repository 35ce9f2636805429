package io.shopscale.kit.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Sends each response whole: with its {@code Content-Length}, in one write once it is complete. Spring's JSON writer
 * flushes as it goes, so without this a response went out chunked with its last chunk in a write of its own, and a
 * replica that crashed between the two left nginx holding a response it had begun to pass on and could not finish:
 * the client got a truncated body. Whole, a response has either not begun (nginx gives the request to another
 * replica) or is complete. The shop's responses are small JSON documents; none streams.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class WholeResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper whole = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, whole);
        } finally {
            whole.copyBodyToResponse();
        }
    }
}
