package io.microspring.bot;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.chat2.ChatManager;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.muc.MultiUserChat;
import org.jivesoftware.smackx.muc.MultiUserChatManager;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;

import io.microspring.testing.ProsodyServer;

/**
 * A person on the test's Prosody, with a real XMPP client (Smack): writes to the bot directly or
 * in a room and reads its replies as they arrive.
 */
final class XmppUser implements AutoCloseable {

    private final XMPPTCPConnection connection;
    private final EntityBareJid bot;
    private final BlockingQueue<String> direct = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> room = new LinkedBlockingQueue<>();
    private MultiUserChat muc;

    private XmppUser(XMPPTCPConnection connection, EntityBareJid bot) {
        this.connection = connection;
        this.bot = bot;
        ChatManager.getInstanceFor(connection).addIncomingListener((from, message, chat) -> {
            if (from.equals(bot) && message.getBody() != null) {
                direct.add(message.getBody());
            }
        });
    }

    /** Logs {@code user} in to {@code prosody}; {@code bot} is the bot's account name. */
    static XmppUser login(ProsodyServer prosody, String user, String password, String bot) throws Exception {
        XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setUsernameAndPassword(user, password)
                .setXmppDomain(ProsodyServer.DOMAIN)
                .setHost("127.0.0.1")
                .setPort(prosody.port())
                .setSecurityMode(SecurityMode.disabled)
                .setResource("test")
                .build());
        connection.connect().login();
        return new XmppUser(connection, JidCreate.entityBareFrom(bot + "@" + ProsodyServer.DOMAIN));
    }

    /** Sends {@code text} to the bot directly and returns its reply; fails when none comes in time. */
    String ask(String text, Duration timeout) throws Exception {
        direct.clear();
        ChatManager.getInstanceFor(connection).chatWith(bot).send(text);
        String reply = direct.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("the bot did not answer '" + text + "' within " + timeout);
        }
        return reply;
    }

    /** Joins {@code roomJid} as {@code nickname}, creating it when it does not exist yet. */
    void join(String roomJid, String nickname, String botNickname) throws Exception {
        muc = MultiUserChatManager.getInstanceFor(connection).getMultiUserChat(JidCreate.entityBareFrom(roomJid));
        muc.addMessageListener(message -> fromBot(message, botNickname));
        MultiUserChat.MucCreateConfigFormHandle created = muc.createOrJoin(
                muc.getEnterConfigurationBuilder(Resourcepart.from(nickname)).requestNoHistory().build());
        if (created != null) {
            created.makeInstant();
        }
    }

    /** Whether the bot, as {@code nickname}, is in the room joined. */
    boolean seesInRoom(String nickname) throws Exception {
        return muc.getOccupants().stream().anyMatch(occupant -> nickname.equals(occupant.getResourceOrEmpty()
                .toString()));
    }

    /** Says {@code text} in the room joined and returns the bot's next message there. */
    String sayInRoom(String text, Duration timeout) throws Exception {
        room.clear();
        muc.sendMessage(text);
        String reply = room.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (reply == null) {
            throw new AssertionError("the bot did not answer '" + text + "' in the room within " + timeout);
        }
        return reply;
    }

    private void fromBot(Message message, String botNickname) {
        if (message.getFrom() != null && botNickname.equals(message.getFrom().getResourceOrEmpty().toString())
                && message.getBody() != null) {
            room.add(message.getBody());
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
