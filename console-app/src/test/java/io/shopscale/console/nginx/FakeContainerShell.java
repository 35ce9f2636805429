package io.shopscale.console.nginx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An nginx container in memory: files, a journal of what was done to it in order, and scripted answers for
 * {@code nginx} commands. {@code mv} moves a file as the real command would.
 */
final class FakeContainerShell implements ContainerShell {

    private final Map<String, String> files = new HashMap<>();
    private final List<String> journal = new ArrayList<>();
    private final Map<String, ExecResult> scripted = new HashMap<>();
    private static final ExecResult OK = new ExecResult(0, "");

    FakeContainerShell withFile(String path, String content) {
        files.put(path, content);
        return this;
    }

    /** From now on, the command (argv joined by spaces) answers this; unscripted commands succeed silently. */
    FakeContainerShell answer(String command, int exitCode, String output) {
        scripted.put(command, new ExecResult(exitCode, output));
        return this;
    }

    /** Everything done so far, e.g. {@code write /etc/nginx/nginx.conf.next}, {@code exec nginx -s reload}. */
    List<String> journal() {
        return List.copyOf(journal);
    }

    /** Only what changes the container or nginx: writes and commands, not reads. */
    List<String> actions() {
        return journal.stream().filter(entry -> !entry.startsWith("read ")).toList();
    }

    String file(String path) {
        return files.get(path);
    }

    void clearJournal() {
        journal.clear();
    }

    @Override
    public ExecResult exec(List<String> argv) {
        String command = String.join(" ", argv);
        journal.add("exec " + command);
        ExecResult result = scripted.getOrDefault(command, OK);
        if (result.succeeded() && argv.get(0).equals("mv")) {
            String target = argv.get(argv.size() - 1);
            String source = argv.get(argv.size() - 2);
            if (!files.containsKey(source)) {
                return new ExecResult(1, "mv: cannot stat '" + source + "': No such file or directory");
            }
            files.put(target, files.remove(source));
        }
        return result;
    }

    @Override
    public void writeFile(String path, String content) {
        journal.add("write " + path);
        files.put(path, content);
    }

    @Override
    public String readFile(String path) {
        journal.add("read " + path);
        return files.getOrDefault(path, "");
    }
}
