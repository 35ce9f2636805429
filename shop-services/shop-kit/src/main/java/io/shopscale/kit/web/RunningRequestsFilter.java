package io.shopscale.kit.web;

import java.io.IOException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Runs each request in its turn ({@link RunningRequests}): at most {@code shop.max-running-requests} at once (by
 * default twice the processors the JVM sees, so 2 for any CPU cap of 1 or less; 0 for no limit). Health probes never
 * wait: a replica that is busy is still ready, and its probe must say so at once.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class RunningRequestsFilter extends OncePerRequestFilter {

    private final RunningRequests running;

    RunningRequestsFilter(@Value("${shop.max-running-requests:#{2 * T(java.lang.Runtime).getRuntime()"
            + ".availableProcessors()}}") int limit) {
        this.running = new RunningRequests(limit);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getRequestURI().startsWith("/actuator/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            running.run(() -> chain.doFilter(request, response));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while waiting for a place to run", e);
        }
    }
}
