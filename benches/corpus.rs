//! A deterministic 1 MiB corpus of mixed logs for the benchmark and the
//! ripgrep comparison: mostly ordinary kubelet/controller lines, with a few
//! of the errors and command outputs the engine recognises scattered in.

/// Builds about `size` bytes of mixed log text.
pub fn mixed_logs(size: usize) -> String {
    const NOISE: &[&str] = &[
        "I1123 12:00:01.123456    4021 kubelet.go:2451] \"SyncLoop (PLEG): event for pod\" pod=\"default/web-7d4b9c-xk2lp\" event=ContainerStarted",
        "I1123 12:00:01.223456    4021 reconciler.go:357] \"operationExecutor.VerifyControllerAttachedVolume started\" volumeName=\"kubernetes.io/projected/kube-api-access\"",
        "2026-11-23T12:00:02.000Z INFO controller-runtime.manager.controller.deployment Reconciling {\"name\": \"web\", \"namespace\": \"default\"}",
        "W1123 12:00:03.456789       1 warnings.go:70] policy/v1beta1 PodSecurityPolicy is deprecated in v1.21+",
        "time=\"2026-11-23T12:00:04Z\" level=info msg=\"pulled image\" image=\"mcr.microsoft.com/oss/kubernetes/pause:3.6\" duration=1.2s",
        "10.244.1.17 - - [23/Nov/2026:12:00:05 +0000] \"GET /healthz HTTP/1.1\" 200 2 \"-\" \"kube-probe/1.29\"",
        "E1123 12:00:06.000001    4021 pod_workers.go:1300] \"Error syncing pod, skipping\" err=\"failed to \\\"StartContainer\\\" for \\\"app\\\" with CrashLoopBackOff\"",
    ];
    const SIGNALS: &[&str] = &[
        "Error from server: error dialing backend: dial tcp 10.240.0.4:10250: i/o timeout",
        "Unable to connect to the server: dial tcp 20.62.1.9:443: i/o timeout",
        "E1123 12:01:00.1 1 reflector.go:138] Failed to watch *v1.Pod: failed to list *v1.Pod: Get \"https://10.0.0.1:443/api/v1/pods?limit=500\": dial tcp 10.0.0.1:443: i/o timeout",
        "Error from server (Forbidden): pods is forbidden: User \"system:serviceaccount:ci:builder\" cannot list resource \"pods\" in API group \"\" in the namespace \"prod\"",
        "Warning FailedCreatePodSandBox pod/x Failed to allocate address: Failed to delegate: Failed to allocate address: No available addresses",
        "Error from server: etcdserver: mvcc: database space exceeded",
    ];
    let mut out = String::with_capacity(size + 256);
    let mut i: usize = 0;
    while out.len() < size {
        // A simple LCG keeps the corpus the same on every run and machine.
        i = i.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let pick = i >> 33;
        if pick.is_multiple_of(97) {
            out.push_str(SIGNALS[pick % SIGNALS.len()]);
        } else {
            out.push_str(NOISE[pick % NOISE.len()]);
        }
        out.push('\n');
    }
    out
}
