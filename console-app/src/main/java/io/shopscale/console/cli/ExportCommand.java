package io.shopscale.console.cli;

import java.nio.file.Path;
import java.util.List;

import io.shopscale.console.export.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", description = "Writes what the stack runs as a docker-compose.yml (for docker stack deploy "
        + "or docker compose up) or as Kubernetes manifests. Secrets are written only with --with-secrets.")
final class ExportCommand extends EngineCommand {

    @Option(names = "--format", required = true, converter = FormatConverter.class,
            description = "compose or kubernetes.")
    ExportFormat format;

    @Option(names = {"--output", "-o"}, description = "Directory to write into (default: export-<format>).")
    Path output;

    @Option(names = "--with-secrets", description = "Also write the stack's secrets: copies of the files under "
            + "secrets/ (compose), a Secret manifest (kubernetes). Without it the compose file names the stack's "
            + "own secret files, and the manifests expect a Secret <stack>-secrets to exist.")
    boolean withSecrets;

    @Override
    public Integer call() {
        Path directory = output != null ? output : Path.of("export-" + format.label());
        List<Path> files = engine().export(stackName(), format, directory, withSecrets);
        files.forEach(file -> out().println("wrote " + file));
        return 0;
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            return ExportFormat.parse(value);
        }
    }
}
