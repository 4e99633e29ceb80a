package io.viberglass.platform.clankers;

import io.viberglass.common.job.InstructionFile;
import io.viberglass.platform.infra.errors.DomainException;
import io.viberglass.platform.infra.errors.FieldError;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A clanker's instruction files: kept in PostgreSQL, delivered in every job payload of the clanker. */
public class ClankerFileService {
    private final Jdbi jdbi;
    private final Clock clock;

    public ClankerFileService(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public List<ClankerFile> list(UUID clankerId) {
        return jdbi.inTransaction(handle -> {
            requireClanker(handle, clankerId);
            return handle.attach(ClankerFileDao.class).list(clankerId);
        });
    }

    public ClankerFile get(UUID clankerId, String path) {
        return jdbi.inTransaction(handle -> {
            requireClanker(handle, clankerId);
            return handle.attach(ClankerFileDao.class).find(clankerId, path).orElseThrow(() -> notFound(path));
        });
    }

    public ClankerFile put(UUID clankerId, String path, String content) {
        List<FieldError> problems = new java.util.ArrayList<>();
        InstructionFileRules.pathProblem(path).ifPresent(p -> problems.add(new FieldError("path", p)));
        InstructionFileRules.contentProblem(content).ifPresent(p -> problems.add(new FieldError("content", p)));
        if (!problems.isEmpty()) {
            throw DomainException.invalid("INVALID_INSTRUCTION_FILE", "The instruction file is invalid", problems);
        }
        return jdbi.inTransaction(handle -> {
            requireClanker(handle, clankerId);
            ClankerFileDao files = handle.attach(ClankerFileDao.class);
            if (files.find(clankerId, path).isEmpty()
                    && files.list(clankerId).size() >= InstructionFileRules.MAX_FILES) {
                throw DomainException.invalid(
                        "INVALID_INSTRUCTION_FILE",
                        "path",
                        "a clanker has at most " + InstructionFileRules.MAX_FILES + " instruction files");
            }
            files.put(clankerId, path, content, clock.instant());
            return files.find(clankerId, path).orElseThrow();
        });
    }

    public void delete(UUID clankerId, String path) {
        jdbi.useTransaction(handle -> {
            requireClanker(handle, clankerId);
            if (handle.attach(ClankerFileDao.class).delete(clankerId, path) == 0) {
                throw notFound(path);
            }
        });
    }

    /** The files as the worker payload carries them. */
    public List<InstructionFile> forPayload(UUID clankerId) {
        return jdbi.withExtension(ClankerFileDao.class, dao -> dao.list(clankerId)).stream()
                .map(file -> new InstructionFile(file.path(), file.content()))
                .toList();
    }

    /** Field errors of a request's whole set; empty when it may be stored. */
    static List<FieldError> problems(List<InstructionFileRequest> files) {
        return files == null ? List.of() : InstructionFileRules.problems("instructionFiles", files);
    }

    /** Replaces the whole set inside the caller's transaction; files with blank content are left out. */
    static void replace(Handle handle, UUID clankerId, List<InstructionFileRequest> files, Clock clock) {
        if (files == null) {
            return;
        }
        ClankerFileDao dao = handle.attach(ClankerFileDao.class);
        dao.clear(clankerId);
        for (InstructionFileRequest file : files) {
            if (!file.content().isBlank()) {
                dao.put(clankerId, file.path(), file.content(), clock.instant());
            }
        }
    }

    private static void requireClanker(Handle handle, UUID clankerId) {
        handle.attach(ClankerDao.class)
                .find(clankerId)
                .orElseThrow(() -> ClankerService.notFound(clankerId.toString()));
    }

    private static DomainException notFound(String path) {
        return DomainException.notFound("INSTRUCTION_FILE_NOT_FOUND", "Instruction file " + path + " not found");
    }
}
