package io.shopscale.kit.testing;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import io.shopscale.kit.runtime.ReplicaName;
import io.shopscale.kit.security.SecurityConfiguration;

/**
 * What a module's {@code @WebMvcTest} slice needs from the kit besides its scanned filters and advice: the security
 * chain (tokens, the internal credential) and the replica's name. Import it into the slice.
 */
@Configuration(proxyBeanMethods = false)
@Import({SecurityConfiguration.class, ReplicaName.class})
public class ShopKitWebSlice {
}
