# Shared by the bench scripts: `source "$(dirname "$0")/lib.sh"` after `cd` to the repository.

# quiz_binary: $QUIZ when set (time another build), else a fresh release build.
quiz_binary() {
  if [ -n "${QUIZ:-}" ]; then
    echo "$QUIZ"
  else
    cargo build --release --quiet
    echo "$PWD/target/release/quiz"
  fi
}

# big_deck CARDS PATH: a deck of CARDS plain typed cards with ids, its mtime an hour back
# (a deck not edited in the last seconds, so the deck index may trust its stamp).
big_deck() {
  python3 - "$1" "$2" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
with open(path, "w") as f:
    f.write('title = "big"\n')
    for i in range(n):
        f.write(f'\n[[cards]]\nid = "c{i}"\nquestion = "Question number {i}?"\nanswer = "answer {i}"\n')
PY
  touch -d '1 hour ago' "$2"
}

# ms COMMAND...: the wall time of COMMAND in milliseconds (its stdout discarded).
ms() {
  local start end
  start=$(date +%s%N)
  "$@" > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}
