package io.chorus.node.support;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClientRequest;
import io.chorus.replication.message.ClientResponse;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import io.chorus.replication.message.Message;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A blocking client over a plain socket that speaks the wire format by hand (length prefix plus the
 * real codec), to one chosen node: it can pick the coordinator, and send what the real client
 * refuses to (an unknown level, an oversized frame, garbage).
 */
public final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final AtomicLong nextRequestId = new AtomicLong(1);

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects and greets as an anonymous client of any cluster: ready for requests. */
    public static RawClient connect(InetSocketAddress node, Duration readTimeout) throws IOException {
        RawClient client = connectUngreeted(node, readTimeout);
        Greeting answer = client.greet(new Greeting.ClientHello(Greeting.PROTOCOL_VERSION, "", "", new byte[0]));
        if (!(answer instanceof Greeting.Welcome)) throw new AssertionError("the node did not welcome a plain client: " + answer);
        return client;
    }

    /** Connects and sends nothing: the test says the greeting (or something else) itself. */
    public static RawClient connectUngreeted(InetSocketAddress node, Duration readTimeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(node, 2000);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.setTcpNoDelay(true);
        return new RawClient(socket);
    }

    /** Sends one greeting frame and reads the node's greeting answer. */
    public Greeting greet(Greeting greeting) throws IOException {
        send(greeting);
        return readGreeting();
    }

    public void send(Greeting greeting) throws IOException {
        byte[] bytes = GreetingCodec.encode(greeting);
        java.io.ByteArrayOutputStream frame = new java.io.ByteArrayOutputStream();
        new java.io.DataOutputStream(frame).writeInt(bytes.length);
        frame.write(bytes);
        sendRaw(frame.toByteArray());
    }

    public Greeting readGreeting() throws IOException {
        int length = in.readInt();
        if (length < 0 || length > Greeting.GREETING_BYTES_MAX) throw new IOException("greeting frame of " + length + " bytes");
        byte[] body = new byte[length];
        in.readFully(body);
        return GreetingCodec.decode(body);
    }

    /** Sends one request and waits for its reply. */
    public ClientResponse call(ClientRequest request) throws IOException {
        long id = nextRequestId.getAndIncrement();
        sendRaw(Frames.frameBytes(new ClientFrame(id, request)));
        ClientReply reply = readReply();
        if (reply.requestId() != id) throw new AssertionError("reply to " + reply.requestId() + ", expected " + id);
        return reply.response();
    }

    public void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public ClientReply readReply() throws IOException {
        int length = in.readInt();
        byte[] body = new byte[length];
        in.readFully(body);
        Message message = Frames.read(io.netty.buffer.Unpooled.buffer(4 + length).writeInt(length).writeBytes(body));
        return (ClientReply) message;
    }

    /** True when the node closed the connection (end of stream) before the read timeout. */
    public boolean closedByPeer() throws IOException {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (EOFException e) {
            return true;
        } catch (IOException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
