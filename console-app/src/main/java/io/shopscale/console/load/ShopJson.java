package io.shopscale.console.load;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The request bodies the generator sends and the one response field it reads. */
final class ShopJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Registration(String email, String name, String password) {
    }

    record Login(String email, String password) {
    }

    record Order(List<Item> items) {
    }

    record Item(long productId, int quantity) {
    }

    private ShopJson() {
    }

    static String write(Object body) {
        try {
            return MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** @return the {@code token} of a login response, or null when the body has none */
    static String token(String loginResponse) {
        if (loginResponse == null) {
            return null;
        }
        try {
            JsonNode token = MAPPER.readTree(loginResponse).path("token");
            // It goes back into a header: anything but visible ASCII could split or forge the request.
            return token.isTextual() && token.asText().matches("\\p{Graph}+") ? token.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The {@code detail} of a problem+json body, or its start when it is something else, for a log line. */
    static String problemDetail(String body) {
        if (body == null || body.isBlank()) {
            return "(no body)";
        }
        try {
            JsonNode detail = MAPPER.readTree(body).path("detail");
            if (detail.isTextual()) {
                return printable(detail.asText());
            }
        } catch (JsonProcessingException e) {
            // Not JSON, for instance nginx's HTML error page: show its start below.
        }
        return printable(body);
    }

    private static String printable(String text) {
        String shortened = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        return shortened.replaceAll("\\p{Cntrl}", " ");
    }
}
