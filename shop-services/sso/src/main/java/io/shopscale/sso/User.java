package io.shopscale.sso;

import java.util.UUID;

record User(UUID id, String email, String name, String passwordHash) {
}
