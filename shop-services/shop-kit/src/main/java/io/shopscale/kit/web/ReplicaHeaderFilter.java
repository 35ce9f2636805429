package io.shopscale.kit.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import io.shopscale.kit.runtime.ReplicaName;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Names the replica that served each response, so people and the load generator can watch load balancing. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ReplicaHeaderFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Served-By";

    private final String replica;

    ReplicaHeaderFilter(ReplicaName replicaName) {
        this.replica = replicaName.value();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader(HEADER, replica);
        chain.doFilter(request, response);
    }
}
