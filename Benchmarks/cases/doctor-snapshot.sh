# Sourced by Benchmarks/run.sh: `doctor --snapshot` on a snapshot with 50 policies and 20 security groups.
python3 Benchmarks/make-large-snapshot.py "$work/large.json"
echo "## doctor --snapshot, 50 policies + 20 security groups ($(wc -c <"$work/large.json") bytes)"
hyperfine -N -i --warmup 3 --runs "$runs" --export-markdown "$work/doctor.md" \
    "$bin doctor --snapshot $work/large.json --output json" >/dev/null
cat "$work/doctor.md"; echo "peak memory: $(peak_memory "$bin" doctor --snapshot "$work/large.json")"
