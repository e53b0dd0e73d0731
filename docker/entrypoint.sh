#!/bin/sh
# Runs the Chorus CLI with the JVM flags Chronicle Map needs (see shared/DEPENDENCIES.md).
exec java \
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
  --add-exports=java.base/jdk.internal.util=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
  --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED \
  -Dchronicle.analytics.disable=true -Dchronicle.announcer.disable=true \
  ${CHORUS_JAVA_OPTS:-} \
  -cp "/opt/chorus/*:/opt/chorus/lib/*" io.chorus.node.cli.Main "$@"
