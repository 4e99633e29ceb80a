package io.viberglass.platform.clankers;

import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * An instruction file in a clanker request. Checked by the service so a bad one is a 400 naming
 * {@code instructionFiles[i].path} or {@code .content}.
 *
 * @param path relative path, also accepted as upstream's {@code fileType}
 */
public record InstructionFileRequest(@JsonAlias("fileType") String path, String content)
        implements InstructionFileRules.PathAndContent {}
