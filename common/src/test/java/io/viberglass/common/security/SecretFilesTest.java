package io.viberglass.common.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFilesTest {
    @TempDir
    Path temp;

    @Test
    void eachCredentialBecomesAPrivateFileInAPrivateDirectory() throws IOException {
        Path dir = temp.resolve("run/viberglass");

        SecretFiles.writeInto(
                dir, Map.of("ANTHROPIC_API_KEY", SecretValue.of("sk-1"), "GIT_TOKEN", SecretValue.of("g")));

        assertThat(Files.getPosixFilePermissions(dir)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(dir.resolve("ANTHROPIC_API_KEY")).hasContent("sk-1");
        assertThat(Files.getPosixFilePermissions(dir.resolve("ANTHROPIC_API_KEY")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("GIT_TOKEN")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anExistingDirectoryIsTightenedAndATemporaryOneIsPrivateFromTheStart() throws IOException {
        Path open = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));

        SecretFiles.writeInto(open, Map.of());
        Path fresh = SecretFiles.writeTemporary("secret-files-test-", Map.of("KEY", SecretValue.of("v")));

        assertThat(Files.getPosixFilePermissions(open)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(Files.getPosixFilePermissions(fresh)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        assertThat(fresh.resolve("KEY")).hasContent("v");
    }

    @Test
    void aNameThatIsNotAVariableNameOrAFileThatExistsIsRefused() throws IOException {
        assertThatThrownBy(() -> SecretFiles.writeInto(temp, Map.of("../escape", SecretValue.of("x"))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../escape");
        SecretFiles.writeInto(temp, Map.of("ONCE", SecretValue.of("1")));
        assertThatThrownBy(() -> SecretFiles.writeInto(temp, Map.of("ONCE", SecretValue.of("2"))))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(temp.getParent().resolve("escape")).doesNotExist();
    }
}
