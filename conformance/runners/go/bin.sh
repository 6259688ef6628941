# Sourced by setup and run (which set $here and $root): where the runner binary for an id lives
# in .cache/bin. Worktrees share one .cache, so a binary is named by a hash of the sources it
# is built from (the non-test .go files, go.mod, go.sum) and of the go that builds it: two
# checkouts with different sources never overwrite or take each other's binary, and a checkout
# whose sources did not change never rebuilds (file times say nothing across checkouts).
gorunner_key() {
  local files
  files=$(cd "$here" && ls -- *.go go.mod go.sum | grep -v '_test\.go$' | LC_ALL=C sort)
  # shellcheck disable=SC2086 # the names are this folder's own, without spaces
  { go env GOVERSION; cd "$here" && sha256sum -- $files; } | sha256sum | cut -c1-16
}

# gorunner_bin [ID]: the binary for ID (resty@X, net/http@X), or the default runner's.
gorunner_bin() {
  local key
  key=$(gorunner_key)
  case "${1:-}" in
    "") echo "$root/.cache/bin/gorunner-$key" ;;
    resty@*) echo "$root/.cache/bin/gorunner-resty-${1#resty@}-$key" ;;
    net/http@*) echo "$root/.cache/bin/gorunner-go${1#net/http@}-$key" ;;
    *) return 1 ;;
  esac
}
