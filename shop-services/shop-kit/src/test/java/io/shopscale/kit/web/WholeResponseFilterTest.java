package io.shopscale.kit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class WholeResponseFilterTest {

    @Test
    void aResponseWrittenAndFlushedInPiecesLeavesWholeWithItsLength() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        byte[] body = "{\"items\":[1,2,3]}".getBytes(StandardCharsets.UTF_8);

        new WholeResponseFilter().doFilter(new MockHttpServletRequest("GET", "/api/catalog/products"), response,
                (request, written) -> {
                    written.getOutputStream().write(body, 0, 5);
                    written.flushBuffer();
                    assertThat(response.isCommitted()).as("nothing sent while the handler writes").isFalse();
                    written.getOutputStream().write(body, 5, body.length - 5);
                });

        assertThat(response.getContentAsByteArray()).isEqualTo(body);
        assertThat(response.getContentLength()).isEqualTo(body.length);
    }
}
