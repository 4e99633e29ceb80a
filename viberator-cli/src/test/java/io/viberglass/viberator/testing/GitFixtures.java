package io.viberglass.viberator.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Real git repositories on disk for tests: a bare "remote" with some commits, and ways to look inside it. */
public final class GitFixtures {
    private GitFixtures() {}

    /** A bare repository at {@code bareDir} whose {@code main} has a README and {@code extraFiles}. */
    public static Path bareRepository(Path bareDir, Map<String, String> extraFiles)
            throws IOException, GitAPIException {
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(bareDir.toFile())
                .call()
                .close();
        Path seed = bareDir.resolveSibling(bareDir.getFileName() + ".seed");
        try (Git git =
                Git.init().setInitialBranch("main").setDirectory(seed.toFile()).call()) {
            Files.writeString(seed.resolve("README.md"), "# Shop\n");
            for (Map.Entry<String, String> file : extraFiles.entrySet()) {
                Path path = seed.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("initial")
                    .setSign(false)
                    .setAuthor("Seed", "seed@example.com")
                    .setCommitter("Seed", "seed@example.com")
                    .call();
            Files.writeString(seed.resolve("CHANGELOG.md"), "- first\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("second")
                    .setSign(false)
                    .setAuthor("Seed", "seed@example.com")
                    .setCommitter("Seed", "seed@example.com")
                    .call();
            git.push()
                    .setRemote(bareDir.toUri().toString())
                    .setRefSpecs(new RefSpec("refs/heads/main:refs/heads/main"))
                    .call();
        }
        return bareDir;
    }

    public static Repository open(Path bareDir) throws IOException {
        return new FileRepositoryBuilder()
                .setGitDir(bareDir.toFile())
                .setMustExist(true)
                .build();
    }

    /** The commit a branch points at in the bare repository, or {@code null}. */
    public static RevCommit head(Path bareDir, String branch) throws IOException {
        try (Repository repository = open(bareDir)) {
            ObjectId id = repository.resolve("refs/heads/" + branch);
            if (id == null) {
                return null;
            }
            try (RevWalk walk = new RevWalk(repository)) {
                RevCommit commit = walk.parseCommit(id);
                walk.parseBody(commit);
                return commit;
            }
        }
    }

    /** Paths in the tree of {@code branch}'s head. */
    public static List<String> files(Path bareDir, String branch) throws IOException {
        try (Repository repository = open(bareDir);
                RevWalk walk = new RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(repository.resolve("refs/heads/" + branch));
            try (TreeWalk tree = new TreeWalk(repository)) {
                tree.addTree(commit.getTree());
                tree.setRecursive(true);
                List<String> paths = new java.util.ArrayList<>();
                while (tree.next()) {
                    paths.add(tree.getPathString());
                }
                return paths;
            }
        }
    }
}
