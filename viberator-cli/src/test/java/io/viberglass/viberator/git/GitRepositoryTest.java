package io.viberglass.viberator.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.viberglass.common.job.CommitAuthor;
import io.viberglass.common.job.ScmProvider;
import io.viberglass.common.security.SecretValue;
import io.viberglass.viberator.testing.GitFixtures;
import io.viberglass.viberator.testing.GitHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRepositoryTest {
    static final String TOKEN = "ghp_" + "t".repeat(36);
    static final CommitAuthor AUTHOR = new CommitAuthor("Viberator", "viberator@viberglass.io");

    @TempDir
    Path temp;

    Path remotes;
    Path remote;

    @BeforeEach
    void setUp() throws Exception {
        remotes = temp.resolve("remotes");
        remote = GitFixtures.bareRepository(remotes.resolve("shop.git"), Map.of("src/app.js", "let a = 1;\n"));
    }

    @Test
    void clonesShallowOntoANewWorkBranchAndDetectsEveryKindOfChangeIncludingUntrackedFiles() throws Exception {
        try (GitRepository repository =
                GitRepository.cloneWorkBranch(remote.toString(), "main", "viberator/t1", temp.resolve("w"), null, 1)) {
            Path dir = repository.directory();
            try (Git git = Git.open(dir.toFile())) {
                assertThat(git.getRepository().getBranch()).isEqualTo("viberator/t1");
                assertThat(git.log().call()).hasSize(1); // depth 1
            }
            Files.writeString(dir.resolve("src/app.js"), "let a = 2;\n");
            Files.delete(dir.resolve("CHANGELOG.md"));
            Files.writeString(dir.resolve("NEW.md"), "new\n");
            Files.createDirectories(dir.resolve("skills"));
            Files.writeString(dir.resolve("skills/testing.md"), "x\n");
            repository.exclude(List.of("skills/testing.md"));

            assertThat(repository.changedPaths()).containsExactly("CHANGELOG.md", "NEW.md", "src/app.js");
            assertThat(repository.isTracked("README.md")).isTrue();
            assertThat(repository.isTracked("NEW.md")).isFalse();

            repository.commitAll("Change things", AUTHOR, Instant.parse("2026-11-28T10:00:00Z"));
            repository.push("viberator/t1");
        }
        assertThat(GitFixtures.files(remote, "viberator/t1"))
                .containsExactlyInAnyOrder("NEW.md", "README.md", "src/app.js");
        assertThat(GitFixtures.head(remote, "viberator/t1").getAuthorIdent().getEmailAddress())
                .isEqualTo("viberator@viberglass.io");
    }

    @Test
    void aMissingBaseBranchIsClassified() {
        assertThatThrownBy(() ->
                        GitRepository.cloneWorkBranch(remote.toString(), "develop", "w", temp.resolve("w"), null, 1))
                .isInstanceOf(GitOperationException.class)
                .hasMessageContaining("Base branch 'develop' does not exist")
                .extracting(e -> ((GitOperationException) e).kind())
                .isEqualTo(GitOperationException.Kind.BRANCH_MISSING);
    }

    @Test
    void anUnreachableRepositoryIsClassified() {
        assertThatThrownBy(() -> GitRepository.cloneWorkBranch(
                        temp.resolve("nothing-here.git").toString(), "main", "w", temp.resolve("w"), null, 1))
                .isInstanceOf(GitOperationException.class)
                .extracting(e -> ((GitOperationException) e).kind())
                .isEqualTo(GitOperationException.Kind.UNREACHABLE);
    }

    @Test
    void aPushOntoABranchThatMovedIsRejectedNotSilentlyLost() throws Exception {
        try (GitRepository repository =
                GitRepository.cloneWorkBranch(remote.toString(), "main", "main", temp.resolve("w"), null, 0)) {
            advanceRemoteMain();
            Files.writeString(repository.directory().resolve("X.md"), "x\n");
            repository.commitAll("x", AUTHOR, Instant.now());

            assertThatThrownBy(() -> repository.push("main"))
                    .isInstanceOf(GitOperationException.class)
                    .hasMessageContaining("REJECTED_NONFASTFORWARD")
                    .extracting(e -> ((GitOperationException) e).kind())
                    .isEqualTo(GitOperationException.Kind.PUSH_REJECTED);
        }
    }

    @Test
    void clonesAndPushesOverHttpWithTheTokenInACredentialsProviderOnly() throws Exception {
        try (GitHttpServer server = new GitHttpServer(remotes, TOKEN, false);
                GitRepository repository = GitRepository.cloneWorkBranch(
                        server.url("shop.git"),
                        "main",
                        "viberator/http",
                        temp.resolve("w"),
                        TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of(TOKEN)),
                        1)) {
            Files.writeString(repository.directory().resolve("HTTP.md"), "over http\n");
            repository.commitAll("over http", AUTHOR, Instant.now());
            repository.push("viberator/http");

            String config = Files.readString(repository.directory().resolve(".git/config"));
            assertThat(config).contains(server.url("shop.git")).doesNotContain(TOKEN);
        }
        assertThat(GitFixtures.files(remote, "viberator/http")).contains("HTTP.md");
    }

    @Test
    void aWrongTokenIsAnAuthenticationFailure() throws Exception {
        try (GitHttpServer server = new GitHttpServer(remotes, TOKEN, false)) {
            assertThatThrownBy(() -> GitRepository.cloneWorkBranch(
                            server.url("shop.git"),
                            "main",
                            "w",
                            temp.resolve("w"),
                            TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of("ghp_" + "x".repeat(36))),
                            1))
                    .isInstanceOf(GitOperationException.class)
                    .extracting(e -> ((GitOperationException) e).kind())
                    .isEqualTo(GitOperationException.Kind.AUTH_FAILED);
            assertThatThrownBy(() -> GitRepository.cloneWorkBranch(
                            server.url("shop.git"), "main", "w", temp.resolve("w2"), null, 1))
                    .extracting(e -> ((GitOperationException) e).kind())
                    .isEqualTo(GitOperationException.Kind.AUTH_FAILED);
        }
    }

    @Test
    void aServerSideRefusalIsPushRejected() throws Exception {
        try (GitHttpServer server = new GitHttpServer(remotes, TOKEN, true);
                GitRepository repository = GitRepository.cloneWorkBranch(
                        server.url("shop.git"),
                        "main",
                        "viberator/p",
                        temp.resolve("w"),
                        TokenCredentials.forToken(ScmProvider.GITHUB, SecretValue.of(TOKEN)),
                        1)) {
            Files.writeString(repository.directory().resolve("P.md"), "p\n");
            repository.commitAll("p", AUTHOR, Instant.now());

            assertThatThrownBy(() -> repository.push("viberator/p"))
                    .hasMessageContaining("branch is protected")
                    .extracting(e -> ((GitOperationException) e).kind())
                    .isEqualTo(GitOperationException.Kind.PUSH_REJECTED);
        }
    }

    private void advanceRemoteMain() throws Exception {
        Path other = temp.resolve("other");
        try (Git git = Git.cloneRepository()
                .setURI(remote.toString())
                .setDirectory(other.toFile())
                .call()) {
            Files.writeString(other.resolve("OTHER.md"), "someone else\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("other")
                    .setSign(false)
                    .setAuthor("O", "o@example.com")
                    .setCommitter("O", "o@example.com")
                    .call();
            git.push()
                    .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
    }
}
