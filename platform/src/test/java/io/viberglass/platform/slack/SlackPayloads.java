package io.viberglass.platform.slack;

import io.viberglass.common.json.Json;
import java.util.UUID;

/** Interactivity and event payloads in the shapes Slack sends them (the fields our handlers and Bolt read, and more). */
final class SlackPayloads {
    private SlackPayloads() {}

    static String viewSubmission(
            String user, String channel, String projectId, String clankerId, String mode, String message) {
        return """
                {"type":"view_submission","team":{"id":"T0001","domain":"acme"},
                 "user":{"id":"%s","username":"alice","name":"alice","team_id":"T0001"},
                 "api_app_id":"A0001","token":"legacy","trigger_id":"12466734323.1395872398.abc",
                 "view":{"id":"V0001","team_id":"T0001","type":"modal","callback_id":"viberator_launch",
                   "private_metadata":"%s","hash":"156772938.1827394","blocks":[],
                   "title":{"type":"plain_text","text":"Launch Agent Session"},
                   "state":{"values":{
                     "project":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Shop"},"value":"%s"}}},
                     "clanker":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Local"},"value":"%s"}}},
                     "mode":{"value":{"type":"static_select","selected_option":{"text":{"type":"plain_text","text":"Mode"},"value":"%s"}}},
                     "title":{"value":{"type":"plain_text_input","value":null}},
                     "message":{"value":{"type":"plain_text_input","value":%s}}}}},
                 "response_urls":[],"is_enterprise_install":false}
                """
                .formatted(user, channel, projectId, clankerId, mode, quote(message));
    }

    static String buttonClick(String channel, String user, String actionId, String value) {
        return """
                {"type":"block_actions","user":{"id":"%s","username":"alice","name":"alice","team_id":"T0001"},
                 "api_app_id":"A0001","token":"legacy",
                 "container":{"type":"message","message_ts":"1700000000.000500","channel_id":"%s","is_ephemeral":false,
                   "thread_ts":"%s"},
                 "trigger_id":"12321423423.333649436676.d8c1bb837935619ccad0f624c448ffb3",
                 "team":{"id":"T0001","domain":"acme"},"channel":{"id":"%s","name":"dev"},
                 "message":{"type":"message","text":"Plan complete.","ts":"1700000000.000500","thread_ts":"%s"},
                 "response_url":"https://hooks.slack.com/actions/T0001/1/xyz",
                 "actions":[{"action_id":"%s","block_id":"review","text":{"type":"plain_text","text":"Approve"},
                   "value":"%s","style":"primary","type":"button","action_ts":"1700000001.000000"}]}
                """
                .formatted(user, channel, FakeSlack.THREAD_TS, channel, FakeSlack.THREAD_TS, actionId, value);
    }

    static String mention(String channel, String user, String text) {
        return """
                {"token":"legacy","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
                 "event_id":"Ev%s","event_time":1700000002,
                 "event":{"type":"app_mention","user":"%s","text":%s,"ts":"1700000002.000100","channel":"%s",
                   "thread_ts":"%s","event_ts":"1700000002.000100"}}
                """
                .formatted(
                        UUID.randomUUID().toString().substring(0, 8), user, quote(text), channel, FakeSlack.THREAD_TS);
    }

    /** A plain reply in the ticket thread, as the Events API delivers a channel message. */
    static String threadReply(String channel, String user, String text) {
        return """
                {"token":"legacy","team_id":"T0001","api_app_id":"A0001","type":"event_callback",
                 "event_id":"Ev%s","event_time":1700000003,
                 "event":{"type":"message","channel_type":"channel","user":"%s","text":%s,
                   "ts":"1700000003.000100","channel":"%s","thread_ts":"%s","event_ts":"1700000003.000100"}}
                """
                .formatted(
                        UUID.randomUUID().toString().substring(0, 8), user, quote(text), channel, FakeSlack.THREAD_TS);
    }

    private static String quote(String text) {
        try {
            return Json.newMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
