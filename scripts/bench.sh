#!/usr/bin/env bash
# bench.sh measures notegraph end to end on synthetic vaults and prints one
# Markdown table, ready to paste into README's "Performance" section.
#
#   scripts/bench.sh [SIZES...]        default: 20000 100000
#
# Every step runs as a whole process under GNU time, so the figures include
# start-up, store open and sync: what a user waits for, not a Go benchmark.
#
# Environment:
#   BENCH_DIR   work folder (default /tmp/notegraph-bench); vaults are kept
#               there as vault-N and reused by later runs
#   BENCH_KEEP  1 keeps the stores, exports and logs of this run as well
#
# The table goes to stdout, progress to stderr:
#   scripts/bench.sh 20000 > perf.md
set -euo pipefail

usage() {
	echo "usage: scripts/bench.sh [SIZES...]   (default: 20000 100000)" >&2
	exit 2
}

sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
	sizes=(20000 100000)
fi
for n in "${sizes[@]}"; do
	case $n in
	-h | --help) usage ;;
	'' | *[!0-9]* | 0*)
		echo "bench: size must be a positive whole number, not '$n'" >&2
		usage
		;;
	esac
done

TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
	echo "bench: $TIME not found; it measures peak memory, which bash's time builtin cannot." >&2
	echo "bench: install GNU time first, e.g. 'apt-get install -y time'." >&2
	exit 1
fi

# The script may be started from anywhere; go build needs the module root.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

work=${BENCH_DIR:-/tmp/notegraph-bench}
keep=${BENCH_KEEP:-0}
mkdir -p "$work"
work=$(cd "$work" && pwd)

bin=$(mktemp -d "${TMPDIR:-/tmp}/notegraph-bench-bin.XXXXXX")
created=() # files this run made in $work; removed at exit unless BENCH_KEEP=1

cleanup() {
	rm -rf "$bin"
	if [ "$keep" != 1 ] && [ ${#created[@]} -gt 0 ]; then
		rm -f "${created[@]}"
	fi
}
trap cleanup EXIT

say() { echo "bench: $*" >&2; }

die() {
	say "$*"
	if [ "$keep" != 1 ] && [ -n "${log:-}" ]; then
		say "rerun with BENCH_KEEP=1 to keep the logs in $work"
	fi
	exit 1
}

# The commit the binaries are built from, read now: the tree may move on
# while the script runs. "+changes" marks a tree with uncommitted edits.
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
if [ -n "$(git -C "$root" status --porcelain --untracked-files=no 2>/dev/null)" ]; then
	commit="$commit+changes"
fi

say "building notegraph, vaultgen, parsefloor into $bin"
for pkg in cmd/notegraph internal/cmd/vaultgen internal/cmd/parsefloor; do
	# Others may be mid-change in the tree; say which build broke.
	go build -o "$bin/${pkg##*/}" "./$pkg" || {
		say "go build ./$pkg failed; nothing was measured"
		exit 1
	}
done

# countNotes counts the notes in a vault the way notegraph walks it: *.md and
# *.markdown files, leaving out dot-folders and node_modules.
countNotes() {
	find "$1" -mindepth 1 -type d \( -name '.?*' -o -name node_modules \) -prune \
		-o -type f \( -name '*.md' -o -name '*.markdown' \) -print | wc -l
}

# prepareVault leaves an unmutated vault of $1 notes in $2. A vault is
# regenerated only when a marker shows this script left it mutated or half
# written; a folder of the wrong size without a marker is someone else's, so
# it is reported and left alone.
prepareVault() {
	local n=$1 vault=$2
	local mutated=$vault.mutated partial=$vault.partial
	if [ -e "$mutated" ] || [ -e "$partial" ]; then
		say "vault-$n was mutated or half written by an earlier run; regenerating"
		rm -rf "$vault"
		rm -f "$mutated" "$partial"
	fi
	if [ -d "$vault" ]; then
		local have
		have=$(countNotes "$vault")
		if [ "$have" -eq "$n" ]; then
			say "reusing $vault ($have notes)"
			return
		fi
		die "$vault holds $have notes, not $n; remove it or choose another BENCH_DIR"
	fi
	say "generating $vault"
	: >"$partial"
	"$bin/vaultgen" -n "$n" -o "$vault" -seed 1
	rm -f "$partial"
}

# measure runs a command under GNU time, with its stdout going to $out and
# its stderr to $log, and sets wall, cpu and rss (seconds, seconds, MB).
measure() {
	local what=$1
	shift
	local tf=$work/$n.time
	say "  $what"
	local rc=0
	"$TIME" -o "$tf" -f '%e %U %S %M' "$@" >>"$out" 2>>"$log" || rc=$?
	if [ "$rc" -ne 0 ]; then
		# GNU time puts "Command exited with non-zero status" before the figures.
		sed 's/^/bench:   /' "$log" | tail -n 20 >&2
		die "$what failed with exit status $rc: $*"
	fi
	local e u s m
	read -r e u s m < <(tail -n 1 "$tf")
	wall=$e
	cpu=$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }')
	rss=$(awk -v m="$m" 'BEGIN { printf "%.0f", m / 1024 }')
}

row() { # step notes wall cpu rss ratio
	rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$@")")
}

mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f MB", b / 1e6 }'; }

rows=()
for n in "${sizes[@]}"; do
	say "size $n"
	vault=$work/vault-$n
	db=$work/$n.db
	json=$work/$n.json
	dot=$work/$n.dot
	log=$work/$n.log
	tags=$work/$n.neighbors.txt
	prepareVault "$n" "$vault"
	created+=("$log" "$work/$n.time")
	: >"$log"
	out=$log

	measure "floor (parsefloor)" "$bin/parsefloor" "$vault"
	floor=$wall
	# parsefloor reports what it read; a short count means the vault is not
	# what the table claims.
	parsed=$(sed -n 's/^parsefloor: \([0-9]*\) files.*/\1/p' "$log" | tail -n 1)
	[ "$parsed" = "$n" ] || die "parsefloor read ${parsed:-no} notes in $vault, expected $n"
	row "floor: read + goldmark parse" "$n" "$wall" "$cpu" "$rss" ""

	rm -f "$db"
	created+=("$db")
	measure "full build" "$bin/notegraph" build -q --db "$db" "$vault"
	ratio=$(awk -v b="$wall" -v f="$floor" 'BEGIN { if (f > 0) printf "%.1f×", b / f; else print "n/a" }')
	row "full build, fresh store" "$n" "$wall" "$cpu" "$rss" "$ratio"

	measure "no-change rebuild" "$bin/notegraph" build -q --db "$db" "$vault"
	row "rebuild, nothing changed" "$n" "$wall" "$cpu" "$rss" ""

	# The marker goes down first so that an interrupted mutation still makes
	# the next run regenerate the vault.
	: >"$vault.mutated"
	"$bin/vaultgen" -o "$vault" -mutate 0.01 -seed 2 2>>"$log" || die "vaultgen -mutate failed on $vault (see $log)"
	changed=$(sed -n 's/^vaultgen: changed \([0-9]*\) notes.*/\1/p' "$log" | tail -n 1)
	measure "1% rebuild" "$bin/notegraph" build -q --db "$db" "$vault"
	row "rebuild, ${changed:-?} notes changed (1%)" "$n" "$wall" "$cpu" "$rss" ""

	created+=("$json" "$tags" "$dot")
	measure "JSON export" "$bin/notegraph" export --format json --db "$db" -o "$json"
	jsonRow=("export JSON, $(mb "$json")" "$n" "$wall" "$cpu" "$rss" "")

	# The busiest tag is the target of the most "tagged" edges; the export
	# writes one edge per line, so grep finds them without a JSON parser.
	# Tags with JSON escapes in their names are left out rather than mangled.
	tag=$(LC_ALL=C grep -o '"target":"tag:[^"\\]*","attributes":{"relation":"tagged"}}' "$json" |
		LC_ALL=C sort | uniq -c | LC_ALL=C sort -rn |
		sed -n '1s/^ *[0-9]* "target":"\(tag:[^"]*\)".*/\1/p' || true)
	[ -n "$tag" ] || die "no tagged edges in the export of vault-$n"
	out=$tags
	measure "neighbors $tag" "$bin/notegraph" neighbors "$tag" --db "$db"
	out=$log
	found=$(wc -l <"$tags")
	row "neighbors $tag, $found nodes" "$n" "$wall" "$cpu" "$rss" ""
	row "${jsonRow[@]}"

	# Find and ask: the busiest tag shown, a search, completion, the related
	# notes of the note with the most edges, and a path between two notes
	# six links apart (--via note: through notes alone, as every note is
	# two hops from every other through the busiest tag), both with files.
	measure "show $tag" "$bin/notegraph" show "$tag" --db "$db"
	row "show $tag" "$n" "$wall" "$cpu" "$rss" ""
	measure "search attention" "$bin/notegraph" search attention --db "$db"
	row "search attention" "$n" "$wall" "$cpu" "$rss" ""
	# The word being completed is the last argument.
	measure "complete th" "$bin/notegraph" __complete show --db "$db" th
	row "completion of show th" "$n" "$wall" "$cpu" "$rss" ""
	hub=$("$bin/notegraph" list --kind note --sort degree --limit 1 --format tsv --db "$db" | sed -n '2p' | cut -f1)
	hubDegree=$("$bin/notegraph" list --kind note --sort degree --limit 1 --format tsv --db "$db" | sed -n '2p' | cut -f3)
	measure "related $hub" "$bin/notegraph" related "$hub" --db "$db"
	row "related of the note with most edges ($hubDegree)" "$n" "$wall" "$cpu" "$rss" ""
	from=$("$bin/notegraph" list --kind note --limit 1 --format tsv --db "$db" | sed -n '2p' | cut -f1)
	# awk leaves as soon as it has one, so the listing may end on a broken
	# pipe: that is no failure.
	to=$("$bin/notegraph" neighbors "$from" --relation links_to --depth 6 --kind note --format json --db "$db" |
		awk '/^    "id": "/ { id = $0; sub(/^    "id": "/, "", id); sub(/",$/, "", id); six = 0; missing = 0 }
			/"depth": 6,/ { six = 1 }
			/"missing": true/ { missing = 1 }
			/^  }/ { if (six && !missing) { print id; exit } }' || true)
	if [ -n "$to" ]; then
		measure "path $from $to" "$bin/notegraph" path "$from" "$to" --via note --db "$db"
		row "path between notes 6 links apart (--via note)" "$n" "$wall" "$cpu" "$rss" ""
	else
		say "  no note 6 links from $from; path not measured"
	fi

	measure "DOT export" "$bin/notegraph" export --format dot --db "$db" -o "$dot"
	row "export DOT, $(mb "$dot")" "$n" "$wall" "$cpu" "$rss" ""
done

cpuModel=$(grep -m 1 -E '^(model name|Model|cpu model)' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//' || true)

echo "| step | notes | wall s | CPU s | peak RSS MB | full build / floor |"
echo "|---|---:|---:|---:|---:|---:|"
printf '%s\n' "${rows[@]}"
echo
echo "Machine: $(nproc) CPUs, ${cpuModel:-unknown CPU}; $(go version | sed 's/^go version //'); commit $commit; $(date -u +%Y-%m-%d)."
echo "CPU s is user + system time; the vault is in the page cache (warm), the store starts empty."
if [ "$keep" = 1 ]; then
	say "kept stores, exports and logs in $work"
fi
