# Sourced by Benchmarks/run.sh: `filter test` over a 10,000-record event (4 partitions × 2,500 records, each value a
# small JSON order, as `event sample` writes them) with two filters, one a numeric range and one a $or of a
# prefix and an exact match. Target: under 100 ms for the whole process, JSON and text output alike.
"$bin" event sample --partitions 4 --records 2500 --at 2026-12-06T00:00:00Z >"$work/event-10k.json"
filters=(--pattern '{"value": {"amount": [{"numeric": [">", 100, "<=", 1000]}]}}'
    --pattern '{"value": {"$or": [{"orderId": [{"prefix": "order-3-"}]}, {"currency": ["USD"]}]}}')
echo "## filter test, 10,000 records ($(wc -c <"$work/event-10k.json") bytes), 2 filters"
hyperfine -N -i --warmup 3 --runs "$runs" --export-markdown "$work/filter.md" \
    "$bin filter test ${filters[*]@Q} $work/event-10k.json --output json" \
    "$bin filter test ${filters[*]@Q} $work/event-10k.json" >/dev/null
cat "$work/filter.md"
echo "peak memory: $(peak_memory "$bin" filter test "${filters[@]}" "$work/event-10k.json" --output json)"
