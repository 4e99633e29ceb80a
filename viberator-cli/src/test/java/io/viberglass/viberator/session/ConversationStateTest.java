package io.viberglass.viberator.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conversation-state archive: what goes in, what comes back, and what is refused. */
class ConversationStateTest {
    @TempDir
    Path temp;

    @Test
    void theAgentsStateComesBackInAFreshHomeWithoutCachesAndLogs() throws Exception {
        Path home = temp.resolve("home");
        write(home.resolve(".claude/projects/repo/session-1.jsonl"), "{\"turn\":1}\n");
        write(home.resolve(".claude/settings.json"), "{}");
        write(home.resolve(".claude/debug.log"), "noise");
        write(home.resolve(".claude/.cache/blob"), "cached");
        write(home.resolve(".claude/node_modules/x/index.js"), "module");
        write(home.resolve(".ssh/id_rsa"), "not the agent's state");

        byte[] archive = ConversationState.capture(home, List.of(".claude", ".codex"), 1_000_000)
                .orElseThrow();
        Path fresh = temp.resolve("fresh");
        int files = ConversationState.restore(fresh, archive);

        assertThat(files).isEqualTo(2);
        assertThat(fresh.resolve(".claude/projects/repo/session-1.jsonl")).hasContent("{\"turn\":1}");
        assertThat(fresh.resolve(".claude/settings.json")).exists();
        assertThat(fresh.resolve(".claude/debug.log")).doesNotExist();
        assertThat(fresh.resolve(".claude/.cache")).doesNotExist();
        assertThat(fresh.resolve(".claude/node_modules")).doesNotExist();
        assertThat(fresh.resolve(".ssh")).doesNotExist();
    }

    @Test
    void noStateDirectoryMeansNoArchive() throws Exception {
        assertThat(ConversationState.capture(temp, List.of(".claude"), 1_000)).isEmpty();
    }

    @Test
    void stateLargerThanTheLimitIsRefused() throws Exception {
        byte[] noise = new byte[200_000];
        new java.util.Random(7).nextBytes(noise);
        Files.createDirectories(temp.resolve(".codex"));
        Files.write(temp.resolve(".codex/history.bin"), noise);

        assertThatThrownBy(() -> ConversationState.capture(temp, List.of(".codex"), 50_000))
                .isInstanceOf(ConversationState.StateException.class)
                .hasMessageContaining("larger than 50000 bytes");
    }

    @Test
    void anEntryThatWouldLandOutsideTheHomeIsRefused() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            byte[] content = "owned".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("../escaped.txt");
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        Path home = Files.createDirectories(temp.resolve("home"));

        assertThatThrownBy(() -> ConversationState.restore(home, bytes.toByteArray()))
                .isInstanceOf(ConversationState.StateException.class)
                .hasMessageContaining("outside the home");
        assertThat(temp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void somethingThatIsNotAnArchiveIsRefused() {
        assertThatThrownBy(() -> ConversationState.restore(temp, "not gzip".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConversationState.StateException.class);
    }

    private static void write(Path path, String content) throws Exception {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
