"""Peak memory of one export in a fresh process: ``python -m bench.memory KIND ROWS``.

Run by ``bench.run`` with the bench environment. Prints one JSON line: the
rows exported, the peak of Python allocations during the export (tracemalloc,
which makes the export itself slower), the process's peak RSS and its growth
over the process after Django and a warm-up export of a few rows.
"""

import json
import resource
import sys
import tracemalloc


def peak_mb() -> float:
    """This process's peak RSS. On Linux ``VmHWM``: ``ru_maxrss`` survives ``exec`` and would
    report the benchmark process's own peak (it holds the synthetic rows it just loaded)."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(kind: str, rows: int) -> dict:
    import django

    django.setup()
    from django.test import Client

    from bench.run import export_cut, interchange_export, public_csv

    public = kind == "public_csv"
    client = Client()

    def export(cut):
        return public_csv(client, cut) if public else interchange_export(cut)

    export(export_cut(10, public=public))
    baseline = peak_mb()
    cut = export_cut(rows, public=public)
    from incidents.models import Incident

    qs = Incident.objects.public() if public else Incident.objects.all()
    exported = qs.filter(date__gte=cut).count()
    tracemalloc.start()
    size = export(cut)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "kind": kind,
        "rows": exported,
        "bytes": size,
        "peak_rss_mb": peak_mb(),
        "rss_growth_mb": peak_mb() - baseline,
        "traced_peak_mb": traced_peak / 2**20,
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]))))
