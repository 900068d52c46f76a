"""How much of the cores other processes took while we measured, from /proc/stat and our children's
CPU time.

    others = (busy CPU time of the whole machine − CPU time of our own processes) ÷ (wall time × cores)

Busy time is every non-idle field of /proc/stat's `cpu` line (user, nice, system, irq, softirq, and the
hypervisor's steal); our own is the CPU time of the children this driver waited for (the learn and peer
processes, from getrusage) plus the driver's. A share above BUSY_SHARE (10 %) marks the measurement."""
from __future__ import annotations

import os
import resource
import time


def busy_cpu_seconds() -> float | None:
    """CPU seconds all processes (and the hypervisor's steal) have used since boot, from /proc/stat."""
    try:
        with open("/proc/stat") as f:
            fields = [int(v) for v in f.readline().split()[1:9]]
    except (OSError, ValueError):
        return None
    user, nice, system, idle, iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_cpu_seconds() -> float:
    """CPU seconds of this process and of its children that have been waited for."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def load_average() -> str:
    try:
        with open("/proc/loadavg") as f:
            return f.read().split()[0]
    except OSError:
        return ""


class Meter:
    """Accumulates wall time, the machine's busy CPU time and our own over one or more spans; `others`
    is the share of `cores` that other processes took over all of them (None without /proc/stat)."""

    def __init__(self, cores: int):
        self.cores = cores
        self.wall = self.busy = self.own = 0.0
        self.known = True

    def __enter__(self):
        self._busy, self._own, self._start = busy_cpu_seconds(), own_cpu_seconds(), time.perf_counter()
        return self

    def __exit__(self, *exc):
        wall = time.perf_counter() - self._start
        busy = busy_cpu_seconds()
        if busy is None or self._busy is None:
            self.known = False
        else:
            self.busy += busy - self._busy
        self.own += own_cpu_seconds() - self._own
        self.wall += wall
        return False

    def add(self, other: "Meter") -> None:
        self.wall += other.wall
        self.busy += other.busy
        self.own += other.own
        self.known = self.known and other.known

    @property
    def others(self) -> float | None:
        if not self.known or self.wall <= 0:
            return None
        return min(1.0, max(0.0, self.busy - self.own) / (self.wall * self.cores))
