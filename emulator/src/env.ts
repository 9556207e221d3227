/**
 * The environment a process needs so that its unmodified wx-server-sdk talks to the emulator
 * (see shared/reference/cloudbase-wire-protocol.md §7): SCF runtime (no metadata probe), an env id,
 * dummy keys (the SDK refuses to send unsigned requests) and the `/admin` URL.
 */
export function sdkEnvironment(url: string, envId: string): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: envId,
    TCB_ENV: envId,
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${url}/admin` }),
    SILENCE: 'true',
  };
}
