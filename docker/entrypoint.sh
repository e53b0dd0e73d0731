#!/bin/sh
# Runs the Chorus CLI (by default `node --config /etc/chorus/chorus.conf`) as PID 1 with the JVM
# flags Chronicle Map needs (see shared/DEPENDENCIES.md).
#
# Heap: a share of the container's memory limit (the JVM reads the cgroup limit), 50 % by default
# (CHORUS_HEAP_PERCENT). The rest is for Chronicle Map, which lives off the heap in a memory-mapped
# file, Netty's direct buffers and the JVM itself. CHORUS_JAVA_OPTS adds flags (e.g. -Xmx2g) and wins.
exec java \
  -XX:MaxRAMPercentage="${CHORUS_HEAP_PERCENT:-50}" -XX:+ExitOnOutOfMemoryError \
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED \
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
  ${CHORUS_JAVA_OPTS:-} \
  -cp "/opt/chorus/*:/opt/chorus/lib/*" io.chorus.node.cli.Main "$@"
