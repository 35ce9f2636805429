package io.shopscale.console.docker;

import java.util.List;
import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;

/**
 * Chooses, for each kind of base image, the official one when the machine has it or can pull it, and otherwise the
 * equivalent built from Debian packages by {@code bin/base-images}. It says which it chose.
 */
public final class BaseImages {

    /**
     * One kind of base image: the official name first, then the local Debian-built one. nginx has no official
     * image: the gateway needs the Lua module (ngx_lua) that the official nginx image lacks, and its config loads it
     * from Debian's path, so only the Debian-built image fits.
     */
    public enum Kind {
        JRE("eclipse-temurin:17-jre", "shopscale/jre:17"),
        POSTGRES("postgres:15", "shopscale/postgres:15"),
        NGINX(null, "shopscale/nginx-lua:1.22"),
        HAPROXY("haproxy:2.6", "shopscale/haproxy:2.6");

        private final String official;
        private final String local;

        Kind(String official, String local) {
            this.official = official;
            this.local = local;
        }
    }

    /** The image chosen for a kind, and where it came from, for the user to read. */
    public record Choice(Kind kind, String image, String source) {
    }

    private final DockerClient docker;

    public BaseImages(DockerClient docker) {
        this.docker = docker;
    }

    public List<Choice> chooseAll() {
        return List.of(Kind.values()).stream().map(this::choose).toList();
    }

    public Choice choose(Kind kind) {
        if (kind.official == null) {
            if (exists(kind.local)) {
                return new Choice(kind, kind.local, "built from Debian packages (" + kind.local + ")");
            }
            throw new IllegalStateException("No " + kind.name().toLowerCase() + " base image: " + kind.local
                    + " has not been built. Run bin/base-images to build it from Debian packages.");
        }
        if (exists(kind.official)) {
            return new Choice(kind, kind.official, "official image " + kind.official);
        }
        if (exists(kind.local)) {
            return new Choice(kind, kind.local, "built from Debian packages (" + kind.local
                    + "); no registry was needed");
        }
        String pullFailure = pull(kind.official);
        if (pullFailure == null) {
            return new Choice(kind, kind.official, "official image " + kind.official + ", pulled now");
        }
        throw new IllegalStateException("No " + kind.name().toLowerCase() + " base image: " + kind.official
                + " is not on this machine and could not be pulled (" + pullFailure + "), and " + kind.local
                + " has not been built. Run bin/base-images to build it from Debian packages.");
    }

    private boolean exists(String image) {
        return exists(docker, image);
    }

    static boolean exists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private String pull(String image) {
        try {
            boolean done = docker.pullImageCmd(image).exec(new PullImageResultCallback())
                    .awaitCompletion(5, TimeUnit.MINUTES);
            return done ? null : "timed out";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (RuntimeException e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("");
        }
    }
}
