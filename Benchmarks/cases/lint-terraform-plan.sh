# Sourced by Benchmarks/run.sh: `lint` over a large Terraform plan (terraform show -json): the healthy Kafka
# mapping of the Terraform lint fixtures plus 3,000 further security groups (about 25 MB, Benchmarks/make-large-plan.py).
python3 Benchmarks/make-large-plan.py "$work/plan.json" 3000 20
echo "## lint, Terraform plan of $(du -h "$work/plan.json" | cut -f1): $(uptime | sed 's/.*load/load/')"
hyperfine -N --warmup 1 --runs "$runs" --export-markdown "$work/lint-plan.md" \
    "$bin lint --output json $work/plan.json" >/dev/null
cat "$work/lint-plan.md"; echo "peak memory: $(peak_memory "$bin" lint --output json "$work/plan.json")"
