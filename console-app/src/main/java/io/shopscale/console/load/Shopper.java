package io.shopscale.console.load;

/** An account the generator registered for this run; the token is refreshed by every successful login. */
final class Shopper {

    private final String email;
    private final String password;
    private volatile String token;

    Shopper(String email, String password) {
        this.email = email;
        this.password = password;
    }

    String email() {
        return email;
    }

    String password() {
        return password;
    }

    String token() {
        return token;
    }

    void useToken(String freshToken) {
        this.token = freshToken;
    }
}
