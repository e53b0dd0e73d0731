package io.chorus.node.cli;

import io.chorus.replication.message.ClientFrame;
import io.chorus.replication.message.ClientReply;
import io.chorus.replication.message.ClusterDescription;
import io.chorus.replication.message.Codec;
import io.chorus.replication.message.Greeting;
import io.chorus.replication.message.GreetingCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * A stand-in node process for testing the cluster commands without the real node: reads
 * {@code node.listen} from the config after {@code --config} and answers every client frame with a
 * ClusterDescription, over the real framing and codec. Run through {@link #launchScript}, so its
 * command line ends like a real node's.
 */
public final class FakeNode {
    private FakeNode() {
    }

    public static void main(String[] args) throws IOException {
        int config = List.of(args).indexOf("--config");
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of(args[config + 1]))) {
            properties.load(reader);
        }
        String listen = properties.getProperty("node.listen");
        int colon = listen.lastIndexOf(':');
        Codec codec = new Codec();
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1))));
            System.out.println("fake node listening on " + listen);
            while (true) {
                try (Socket socket = server.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    byte[] hello = new byte[in.readInt()]; // the probe's greeting: welcome it
                    in.readFully(hello);
                    GreetingCodec.decode(hello);
                    byte[] welcome = GreetingCodec.encode(new Greeting.Welcome(Greeting.PROTOCOL_VERSION, Greeting.CLUSTER_NAME_DEFAULT,
                            properties.getProperty("node.name")));
                    out.writeInt(welcome.length);
                    out.write(welcome);
                    out.flush();
                    byte[] request = new byte[in.readInt()];
                    in.readFully(request);
                    ClientFrame frame = (ClientFrame) codec.decode(request);
                    byte[] reply = codec.encode(new ClientReply(frame.requestId(),
                            new ClusterDescription(new String[] {properties.getProperty("node.name")}, new String[] {listen}, 8, 1)));
                    out.writeInt(reply.length);
                    out.write(reply);
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    System.out.println("fake node: " + e);
                }
            }
        }
    }

    /**
     * A script to use as the launch's java binary: it runs this class with the test classpath and
     * passes on the whole node command line as arguments.
     */
    static Path launchScript(Path dir) throws IOException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path script = dir.resolve("fake-java");
        Files.writeString(script, "#!/bin/sh\nexec '" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' " + FakeNode.class.getName() + " \"$@\"\n");
        script.toFile().setExecutable(true);
        return script;
    }
}
