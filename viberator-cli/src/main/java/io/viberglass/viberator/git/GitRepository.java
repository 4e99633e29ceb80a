package io.viberglass.viberator.git;

import io.viberglass.common.job.CommitAuthor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The work tree of one job, behind JGit: clone (shallow, one or two branches, no submodules), local excludes, change
 * detection including untracked files, commit and push with every ref status checked. Credentials always go through a
 * {@link CredentialsProvider}, never into the URL or {@code .git/config}. {@code GitAPIException} is translated once,
 * here, into {@link GitOperationException}.
 */
public final class GitRepository implements AutoCloseable {
    private static final int TIMEOUT_SECONDS = 120;

    private final Git git;
    private final Path dir;
    private final CredentialsProvider credentials;

    private GitRepository(Git git, Path dir, CredentialsProvider credentials) {
        this.git = git;
        this.dir = dir;
        this.credentials = credentials;
    }

    /**
     * Clones {@code url} into {@code dir} and checks out {@code workBranch}: the remote's branch of that name when it
     * exists (a re-run continues its own work), else a new branch from {@code baseBranch}.
     *
     * @param credentials token credentials, or {@code null} for anonymous access
     * @param depth history depth to fetch; 0 means full history
     */
    public static GitRepository cloneWorkBranch(
            String url, String baseBranch, String workBranch, Path dir, CredentialsProvider credentials, int depth)
            throws GitOperationException {
        Set<String> remoteHeads = remoteHeads(url, credentials);
        if (!remoteHeads.contains("refs/heads/" + baseBranch)) {
            throw new GitOperationException(
                    GitOperationException.Kind.BRANCH_MISSING,
                    "Base branch '" + baseBranch + "' does not exist in " + url);
        }
        boolean resume = workBranch != null && remoteHeads.contains("refs/heads/" + workBranch);
        String start = resume ? workBranch : baseBranch;
        List<String> branches = new ArrayList<>(List.of("refs/heads/" + baseBranch));
        if (resume && !workBranch.equals(baseBranch)) {
            branches.add("refs/heads/" + workBranch);
        }
        try {
            var clone = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(dir.toFile())
                    .setBranchesToClone(branches)
                    .setBranch("refs/heads/" + start)
                    .setCloneSubmodules(false)
                    .setNoTags()
                    .setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(credentials);
            if (depth > 0) {
                clone.setDepth(depth);
            }
            Git git = clone.call();
            GitRepository repository = new GitRepository(git, dir, credentials);
            if (workBranch != null && !resume) {
                git.checkout().setCreateBranch(true).setName(workBranch).call();
            }
            return repository;
        } catch (TransportException | InvalidRemoteException e) {
            throw new GitOperationException(
                    GitOperationException.classifyTransport(e),
                    "Cloning " + url + " failed: " + e.getMessage() + GitOperationException.egressHint(url, e),
                    e);
        } catch (GitAPIException e) {
            throw new GitOperationException(
                    GitOperationException.Kind.OTHER, "Cloning " + url + " failed: " + e.getMessage(), e);
        }
    }

    /** The remote's branch refs; proves the remote is reachable and the credential works before cloning. */
    static Set<String> remoteHeads(String url, CredentialsProvider credentials) throws GitOperationException {
        try {
            Collection<Ref> refs = Git.lsRemoteRepository()
                    .setRemote(url)
                    .setHeads(true)
                    .setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(credentials)
                    .call();
            Set<String> names = new TreeSet<>();
            refs.forEach(ref -> names.add(ref.getName()));
            return names;
        } catch (TransportException | InvalidRemoteException e) {
            throw new GitOperationException(
                    GitOperationException.classifyTransport(e),
                    "Repository " + url + " cannot be read: " + e.getMessage()
                            + GitOperationException.egressHint(url, e),
                    e);
        } catch (GitAPIException e) {
            throw new GitOperationException(
                    GitOperationException.Kind.UNREACHABLE,
                    "Repository " + url + " cannot be read: " + e.getMessage(),
                    e);
        }
    }

    public Path directory() {
        return dir;
    }

    /** Whether the checked-out commit contains {@code relativePath}. */
    public boolean isTracked(String relativePath) throws GitOperationException {
        try {
            ObjectId head = git.getRepository().resolve("HEAD^{tree}");
            if (head == null) {
                return false;
            }
            try (TreeWalk walk = TreeWalk.forPath(git.getRepository(), relativePath, head)) {
                return walk != null;
            }
        } catch (IOException e) {
            throw new GitOperationException(GitOperationException.Kind.OTHER, "Reading the work tree failed", e);
        }
    }

    /** Adds paths to {@code .git/info/exclude}, so files the worker writes for the agent are never committed. */
    public void exclude(Collection<String> relativePaths) throws GitOperationException {
        if (relativePaths.isEmpty()) {
            return;
        }
        Path exclude =
                git.getRepository().getDirectory().toPath().resolve("info").resolve("exclude");
        StringBuilder lines = new StringBuilder("\n# written by viberator for the agent\n");
        relativePaths.forEach(path -> lines.append('/').append(path).append('\n'));
        try {
            Files.createDirectories(exclude.getParent());
            Files.writeString(
                    exclude, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new GitOperationException(GitOperationException.Kind.OTHER, "Writing .git/info/exclude failed", e);
        }
    }

    /** Every path that differs from HEAD: modified, added, deleted and untracked (not ignored or excluded). */
    public List<String> changedPaths() throws GitOperationException {
        try {
            Status status = git.status().call();
            Set<String> paths = new TreeSet<>();
            paths.addAll(status.getAdded());
            paths.addAll(status.getChanged());
            paths.addAll(status.getModified());
            paths.addAll(status.getRemoved());
            paths.addAll(status.getMissing());
            paths.addAll(status.getUntracked());
            paths.addAll(status.getConflicting());
            return List.copyOf(paths);
        } catch (GitAPIException e) {
            throw new GitOperationException(GitOperationException.Kind.OTHER, "git status failed", e);
        }
    }

    /** Stages everything (new, changed, deleted) and commits it; returns the new commit id. */
    public String commitAll(String message, CommitAuthor author, Instant when) throws GitOperationException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            PersonIdent ident = new PersonIdent(author.name(), author.email(), when, ZoneOffset.UTC);
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .setNoVerify(true)
                    .call();
            return commit.getName();
        } catch (GitAPIException e) {
            throw new GitOperationException(GitOperationException.Kind.OTHER, "Commit failed: " + e.getMessage(), e);
        }
    }

    /** Pushes {@code branch} to the same name on origin; anything but OK or UP_TO_DATE is a failure. */
    public void push(String branch) throws GitOperationException {
        RefSpec spec = new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch);
        Iterable<PushResult> results;
        try {
            results = git.push()
                    .setRemote("origin")
                    .setRefSpecs(spec)
                    .setTimeout(TIMEOUT_SECONDS)
                    .setCredentialsProvider(credentials)
                    .call();
        } catch (TransportException e) {
            GitOperationException.Kind kind =
                    GitOperationException.classifyTransport(e) == GitOperationException.Kind.AUTH_FAILED
                            ? GitOperationException.Kind.AUTH_FAILED
                            : GitOperationException.Kind.PUSH_REJECTED;
            throw new GitOperationException(kind, "Push of " + branch + " failed: " + e.getMessage(), e);
        } catch (GitAPIException e) {
            throw new GitOperationException(
                    GitOperationException.Kind.OTHER, "Push of " + branch + " failed: " + e.getMessage(), e);
        }
        for (PushResult result : results) {
            for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                RemoteRefUpdate.Status status = update.getStatus();
                if (status != RemoteRefUpdate.Status.OK && status != RemoteRefUpdate.Status.UP_TO_DATE) {
                    String why = update.getMessage() == null ? "" : " (" + update.getMessage() + ")";
                    throw new GitOperationException(
                            GitOperationException.Kind.PUSH_REJECTED,
                            "The remote rejected " + update.getRemoteName() + ": " + status + why);
                }
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
