package io.chorus.node.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeLaunchTest {
    private static final Path CONFIG = Path.of("/c/n1/chorus.conf");

    @Test
    void runsTheNodeCommandUnderSetsidWithTheSameJvm() {
        NodeLaunch launch = new NodeLaunch("/jdk/bin/java", "a.jar:lib/*", List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "-ea"),
                Optional.of(Path.of("/usr/bin/setsid")));
        assertEquals(List.of("/usr/bin/setsid", "/jdk/bin/java", "--add-opens=java.base/java.lang=ALL-UNNAMED", "-ea",
                "io.chorus.node.cli.Main", "node", "--config", "/c/n1/chorus.conf"), launch.command(CONFIG));
        assertEquals(Map.of("CLASSPATH", "a.jar:lib/*"), launch.environment());
    }

    @Test
    void withoutSetsidRunsJavaDirectly() {
        NodeLaunch launch = new NodeLaunch("java", "cp", List.of(), Optional.empty());
        assertEquals("java", launch.command(CONFIG).get(0));
    }

    @Test
    void theCurrentJvmGivesItsOwnBinaryClasspathAndFlags() {
        NodeLaunch launch = NodeLaunch.ofCurrentJvm();
        assertTrue(launch.javaCommand().endsWith("java"), launch.javaCommand());
        assertEquals(System.getProperty("java.class.path"), launch.classPath());
        // the build's test JVM runs with the Chronicle flags: a node launched from it must too
        assertTrue(launch.jvmFlags().contains("--add-opens=java.base/java.lang=ALL-UNNAMED"), launch.jvmFlags().toString());
    }

    @Test
    void aDebuggerAgentIsNotPassedOnSinceEveryChildWouldBindItsPort() {
        assertFalse(NodeLaunch.inheritable("-agentlib:jdwp=transport=dt_socket,server=y,address=5005"));
        assertFalse(NodeLaunch.inheritable("-Xrunjdwp:transport=dt_socket"));
        assertTrue(NodeLaunch.inheritable("-Xmx512m"));
        assertTrue(NodeLaunch.inheritable("-Dchronicle.analytics.disable=true"));
    }

    @Test
    void recognisesOnlyTheNodeOfThatConfig() {
        NodeLaunch launch = new NodeLaunch("java", "cp", List.of("-ea"), Optional.of(Path.of("/usr/bin/setsid")));
        List<String> command = launch.command(CONFIG);
        assertTrue(NodeLaunch.runsNode(command, CONFIG));
        assertTrue(NodeLaunch.runsNode(command.subList(1, command.size()), CONFIG), "after setsid has exec'd java");
        assertFalse(NodeLaunch.runsNode(command, Path.of("/c/n2/chorus.conf")));
        assertFalse(NodeLaunch.runsNode(List.of("java", "io.chorus.node.cli.Main", "cluster", "status"), CONFIG));
        assertFalse(NodeLaunch.runsNode(List.of("vim", "/c/n1/chorus.conf"), CONFIG));
    }
}
