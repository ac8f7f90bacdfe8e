#!/usr/bin/env bash
# The steps of .github/workflows/release.yml that do not need GitHub, runnable (and tested) locally:
#
#   scripts/release.sh check TAG NOTES_FILE
#     TAG is vX.Y.Z, package.json's version is X.Y.Z, CHANGELOG.md has a non-empty "## [X.Y.Z]" section (written to
#     NOTES_FILE: the release notes), and dist/ equals a fresh `npm run bundle` of the checkout.
#   scripts/release.sh move-major TAG [REMOTE]
#     Points the major tag vX at TAG's commit (and force-pushes it to REMOTE when given), unless a higher vX.*.* tag
#     exists: a patch to an older line never moves vX back.
#
# One line on stderr and a non-zero exit when something is wrong.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() {
  echo "release: $*" >&2
  exit 1
}

semver_tag() {
  [[ "$1" =~ ^v(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$ ]] || fail "tag '$1' is not vX.Y.Z (e.g. v1.2.3)"
}

# The lines under "## [VERSION]" up to the next "## " heading, blank lines at either end trimmed.
changelog_section() {
  awk -v heading="## [$1]" '
    index($0, "## ") == 1 { if (inside) exit; inside = (index($0, heading) == 1); next }
    inside { lines[++n] = $0 }
    END {
      first = 1; while (first <= n && lines[first] ~ /^[[:space:]]*$/) first++
      last = n; while (last >= first && lines[last] ~ /^[[:space:]]*$/) last--
      for (i = first; i <= last; i++) print lines[i]
    }' CHANGELOG.md
}

check() {
  local tag=$1 notes=$2 version
  semver_tag "$tag"
  version=${tag#v}
  local package_version
  package_version=$(node -p 'require("./package.json").version')
  [ "$package_version" = "$version" ] || fail "package.json's version is $package_version, the tag says $version"
  changelog_section "$version" >"$notes"
  [ -s "$notes" ] || fail "CHANGELOG.md has no '## [$version]' section with notes"
  [ -z "$(git status --porcelain)" ] || fail "the checkout has uncommitted changes; release from a clean commit"
  npm run -s bundle >&2 || fail "npm run bundle failed"
  if [ -n "$(git status --porcelain -- dist)" ]; then
    git status --short -- dist >&2
    fail "dist/ differs from a fresh 'npm run bundle' of $tag; run it, commit dist/ and tag again"
  fi
  echo "release: $tag checked: package.json $version, $(wc -l <"$notes") lines of notes, dist/ equals a fresh bundle" >&2
}

move_major() {
  local tag=$1 remote=${2:-} major highest commit
  semver_tag "$tag"
  major=${tag%%.*}
  commit=$(git rev-parse --verify "refs/tags/$tag^{commit}") || fail "no tag $tag here"
  highest=$(git tag --list "$major.*.*" | grep -E '^v[0-9]+\.[0-9]+\.[0-9]+$' | sort -V | tail -n 1)
  if [ "$highest" != "$tag" ]; then
    echo "release: $major stays where it is: $highest is higher than $tag" >&2
    return 0
  fi
  git tag --force "$major" "$commit" >/dev/null
  if [ -n "$remote" ]; then git push --force "$remote" "refs/tags/$major" >&2; fi
  echo "release: $major → $tag ($commit)" >&2
}

case "${1:-}" in
  check) [ $# -eq 3 ] || fail "usage: scripts/release.sh check TAG NOTES_FILE"; check "$2" "$3" ;;
  move-major) [ $# -ge 2 ] && [ $# -le 3 ] || fail "usage: scripts/release.sh move-major TAG [REMOTE]"; move_major "$2" "${3:-}" ;;
  *) fail "usage: scripts/release.sh check TAG NOTES_FILE | move-major TAG [REMOTE]" ;;
esac
