#!/usr/bin/env bash
# Start/stop a real Neo4j 5.26 Community server for talkgraph's tests, without
# Docker: .ci/neo4j/ is a tiny Java launcher around org.neo4j.test:neo4j-harness
# (needs Java 17+ and Maven; dependencies come from Maven Central into ~/.m2).
#
#   .ci/neo4j.sh start    build the launcher if needed, start Neo4j in the
#                         background, wait for Bolt, print its URI
#   .ci/neo4j.sh stop     stop it (TERM, then KILL) and remove its data
#   .ci/neo4j.sh status   say whether it runs (exit 0 if it does, 3 if not)
#
# Environment:
#   NEO4J_BOLT_PORT        Bolt port on 127.0.0.1 (default 7687)
#   NEO4J_START_TIMEOUT    seconds to wait for Bolt (default 180)
#   NEO4J_JAVA_OPTS        JVM options (default: bounded heap, see below)
#
# Files (git-ignored): .ci/.work/neo4j.log (launcher output), .ci/.work/neo4j.pid,
# .ci/.work/data/ (throwaway store), .ci/neo4j/target/ (build output).
# Auth is disabled: connect with no credentials, e.g. bolt://127.0.0.1:7687.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
proj="$root/.ci/neo4j"
work="$root/.ci/.work"
log="$work/neo4j.log"
pidfile="$work/neo4j.pid"
datadir="$work/data"
stamp="$proj/target/.launcher-built"
main_class="dev.talkgraph.ci.Launcher"

port="${NEO4J_BOLT_PORT:-7687}"
timeout="${NEO4J_START_TIMEOUT:-180}"
# Heap 2 GiB max (+256 MiB page cache set in Launcher.java); Neo4j's default
# transaction memory limits are a share of the heap.
java_opts="${NEO4J_JAVA_OPTS:--Xms512m -Xmx2g -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow}"
# What Neo4j's own launcher passes so that its page cache and native file
# access work on Java 17+ (without them it warns and uses slower fallbacks).
jvm_required="--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED -Dio.netty.tryReflectionSetAccessible=true -Dlog4j2.disable.jmx=true"
uri="bolt://127.0.0.1:$port"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

need() {
  command -v "$1" >/dev/null 2>&1 ||
    die "'$1' is not on PATH: install $2 (Debian: apt-get install -y $3)"
}

# port_open: true if something accepts TCP connections on 127.0.0.1:$port.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null
}

# our_pid: print the recorded pid if that process is alive and is our launcher.
our_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$main_class" || return 1
  echo "$pid"
}

needs_build() {
  [ -f "$stamp" ] || return 0
  [ -f "$proj/target/classes/dev/talkgraph/ci/Launcher.class" ] || return 0
  [ -d "$proj/target/lib" ] || return 0
  [ -n "$(find "$proj/pom.xml" "$proj/src" -newer "$stamp" -print -quit)" ]
}

build() {
  need mvn "Maven 3.8+" maven
  echo "neo4j.sh: building the launcher (mvn package; first run downloads ~200 MB into ~/.m2)" >&2
  # A changed pom may change dependency versions: drop the old jars so that
  # two versions never share the classpath.
  if [ ! -f "$stamp" ] || [ "$proj/pom.xml" -nt "$stamp" ]; then
    rm -rf "$proj/target/lib"
  fi
  rm -f "$stamp"
  mkdir -p "$work"
  if ! mvn -q -B -Dstyle.color=never -f "$proj/pom.xml" package -DskipTests >"$work/mvn-build.log" 2>&1; then
    tail -n 80 "$work/mvn-build.log" >&2
    die "building the launcher failed: mvn -q -B -f $proj/pom.xml package -DskipTests (full output: $work/mvn-build.log)"
  fi
  touch "$stamp"
}

start() {
  local pid
  need java "Java 17+" openjdk-17-jdk-headless
  mkdir -p "$work"
  if pid=$(our_pid); then
    echo "neo4j.sh: already running (pid $pid)" >&2
    echo "$uri"
    return 0
  fi
  rm -f "$pidfile"
  if port_open; then
    die "something already listens on 127.0.0.1:$port and it is not this script's Neo4j; stop it or set NEO4J_BOLT_PORT"
  fi
  if needs_build; then build; fi
  rm -rf "$datadir" # leftovers of a server that was killed

  local t0=$SECONDS
  # shellcheck disable=SC2086 # the option strings are lists of words
  nohup java $jvm_required $java_opts -cp "$proj/target/classes:$proj/target/lib/*" \
    "$main_class" --ignore-stdin "$datadir" </dev/null >"$log" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"

  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      echo "neo4j.sh: Neo4j exited during startup; $log:" >&2
      tail -n 60 "$log" >&2
      exit 1
    fi
    if grep -q "^neo4j ready " "$log" 2>/dev/null && port_open; then
      break
    fi
    if [ $((SECONDS - t0)) -ge "$timeout" ]; then
      echo "neo4j.sh: Bolt did not answer on 127.0.0.1:$port within ${timeout}s; last lines of $log:" >&2
      tail -n 60 "$log" >&2
      stop >/dev/null 2>&1 || true
      exit 1
    fi
    sleep 0.5
  done
  echo "neo4j.sh: Neo4j up in $((SECONDS - t0))s (pid $pid, log $log)" >&2
  echo "$uri"
}

stop() {
  local pid
  if ! pid=$(our_pid); then
    rm -f "$pidfile"
    echo "neo4j.sh: not running" >&2
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do # up to 30 s for a clean shutdown
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "neo4j.sh: pid $pid ignored TERM for 30s; sending KILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 1
    rm -rf "$datadir"
  fi
  rm -f "$pidfile"
  echo "neo4j.sh: stopped (pid $pid)" >&2
}

status() {
  local pid
  if pid=$(our_pid); then
    if port_open; then
      echo "running (pid $pid) at $uri"
    else
      echo "starting or unhealthy (pid $pid): nothing answers on 127.0.0.1:$port yet"
    fi
    return 0
  fi
  if port_open; then
    echo "not running (but something else listens on 127.0.0.1:$port)"
  else
    echo "not running"
  fi
  return 3
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *)
    echo "usage: $0 start|stop|status" >&2
    exit 2
    ;;
esac
