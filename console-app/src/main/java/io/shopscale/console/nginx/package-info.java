/**
 * Renders the nginx gateway's and HAProxy's config from {@code nginx-templates} and applies nginx's the way
 * ingress-nginx does: render, compare with the running text, {@code nginx -t} the new file, move it into place,
 * reload, and only then remember it as running.
 *
 * <p>Everything that reaches a template is validated first: {@link io.shopscale.console.nginx.UpstreamServer},
 * {@link io.shopscale.console.nginx.GatewayModel} and {@link io.shopscale.console.nginx.HaproxyModel} reject, when
 * constructed, any name or address that could break out of a directive (spaces, braces, semicolons, quotes, line
 * breaks). The package talks to the nginx container only through {@link io.shopscale.console.nginx.ContainerShell},
 * which the {@code docker} package implements; it uses neither docker-java nor JavaFX.
 */
package io.shopscale.console.nginx;
