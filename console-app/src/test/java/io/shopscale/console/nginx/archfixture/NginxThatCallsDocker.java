package io.shopscale.console.nginx.archfixture;

import com.github.dockerjava.api.DockerClient;

/** Breaks the nginx package's rule on purpose, to prove the rule can fail. */
public final class NginxThatCallsDocker {

    public void reload(DockerClient docker, String container) {
        docker.execCreateCmd(container).withCmd("nginx", "-s", "reload").exec();
    }
}
