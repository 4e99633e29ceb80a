package io.viberglass.platform.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Keeping the proxy's usage chunk from an agent that did not ask for it, however the network cuts the stream. */
class UsageChunkFilterTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 64, 100_000})
    void theUsageChunkIsDroppedAndEverythingElsePassesByteForByte(int piece) throws Exception {
        List<String> sent = StreamedUsageTest.chunks(true);

        String relayed = relay(String.join("", sent), piece);

        assertThat(relayed).isEqualTo(String.join("", sent.subList(0, 3)) + sent.get(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 4096})
    void crlfLinesCommentsAndNamedEventsPassUntouched(int piece) throws Exception {
        String usage = "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}\r\n\r\n";
        String others =
                ": keep-alive\r\n\r\nevent: chunk\r\ndata: {\"choices\":[{\"delta\":{}}],\"usage\":null}\r\n\r\n"
                        + "data: {\"choices\":[{\"delta\":{}}],\r\ndata: \"usage\":{\"prompt_tokens\":1}}\r\n\r\n";

        assertThat(relay(others + usage + "data: [DONE]\r\n\r\n", piece)).isEqualTo(others + "data: [DONE]\r\n\r\n");
    }

    @Test
    void aLongEventStreamsThroughUnheldAndAStreamCutShortKeepsWhatWasSent() throws Exception {
        String longEvent = "data: {\"choices\":[{\"delta\":{\"content\":\""
                + "x".repeat(UsageChunkFilter.MAX_EVENT_BYTES) + "\"}}]}\n\n";
        String cut = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel";

        assertThat(relay(longEvent + cut, 1000)).isEqualTo(longEvent + cut);
    }

    @Test
    void aStreamCutShortInTheUsageChunkRelaysNothingOfIt() throws Exception {
        String first = "data: {\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n";

        assertThat(relay(first + "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":1}}\n", 3))
                .isEqualTo(first);
    }

    private String relay(String stream, int piece) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UsageChunkFilter filter = new UsageChunkFilter(out, mapper);
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        for (int offset = 0; offset < bytes.length; offset += piece) {
            filter.write(bytes, offset, Math.min(piece, bytes.length - offset));
        }
        filter.finish();
        return out.toString(StandardCharsets.UTF_8);
    }
}
