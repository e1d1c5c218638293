/**
 * A REAL redis-server (Debian package redis-server; .ci/run installs it) as a
 * child process on a free port on 127.0.0.1, without persistence; plain or TLS
 * with a self-signed certificate made by openssl for the test.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RedisServer {
  port: number;
  url(auth?: string, db?: number): string;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

async function waitForPort(port: number, ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((r) => {
      const s = connect({ host: "127.0.0.1", port });
      s.once("connect", () => {
        s.destroy();
        r(true);
      });
      s.once("error", () => {
        s.destroy();
        r(false);
      });
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`redis-server did not listen on 127.0.0.1:${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Throws a message saying how to install redis-server when it is missing. */
export function requireRedisServer(): void {
  const probe = spawnSync("redis-server", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      "redis-server is not installed, and these tests need a real one: install it with `apt-get install -y redis-server` (Debian package redis-server; .ci/run installs it)",
    );
  }
}

/** A self-signed certificate for 127.0.0.1 (openssl), to start redis-server with `--tls-port`. */
export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate in PEM, to trust as a CA. */
  pem: string;
}

/** Starts and stops redis-servers under one temporary directory. */
export class RedisServers {
  private readonly servers = new Set<RedisServer>();
  private dir = "";

  private async workDir(): Promise<string> {
    this.dir ||= await mkdtemp(join(tmpdir(), "redis-test-"));
    return this.dir;
  }

  async certificate(): Promise<TestCertificate> {
    const dir = await this.workDir();
    const certFile = join(dir, "cert.pem");
    const keyFile = join(dir, "key.pem");
    const r = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        keyFile,
        "-out",
        certFile,
        "-days",
        "1",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
      ],
      { encoding: "utf8" },
    );
    if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
    return { certFile, keyFile, pem: await readFile(certFile, "utf8") };
  }

  /** A plain server, or with `tls` one that speaks only TLS on its port. */
  async start(extra: string[] = [], tls?: TestCertificate): Promise<RedisServer> {
    const dir = await this.workDir();
    const port = await freePort();
    const listen = tls
      ? [
          "--port",
          "0",
          "--tls-port",
          String(port),
          "--tls-cert-file",
          tls.certFile,
          "--tls-key-file",
          tls.keyFile,
          "--tls-ca-cert-file",
          tls.certFile,
          "--tls-auth-clients",
          "no",
        ]
      : ["--port", String(port)];
    let child: ChildProcess | null = null;
    let output = "";
    const spawnIt = async () => {
      const c = spawn("redis-server", [...listen, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, ...extra], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      c.stdout!.on("data", (d: Buffer) => (output += d.toString()));
      c.stderr!.on("data", (d: Buffer) => (output += d.toString()));
      const exited = new Promise<never>((_, reject) => c.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`))));
      exited.catch(() => undefined);
      child = c;
      await Promise.race([waitForPort(port, 5000), exited]);
    };
    const kill = async () => {
      const c = child;
      child = null;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      await new Promise<void>((r) => {
        c.once("exit", () => r());
        c.kill("SIGKILL");
      });
    };
    await spawnIt();
    const scheme = tls ? "rediss" : "redis";
    const server: RedisServer = {
      port,
      url: (auth, db) => `${scheme}://${auth ? `${auth}@` : ""}127.0.0.1:${port}${db !== undefined ? `/${db}` : ""}`,
      stop: async () => {
        this.servers.delete(server);
        await kill();
      },
      restart: async () => {
        await kill();
        await spawnIt();
      },
    };
    this.servers.add(server);
    return server;
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.servers].map((s) => s.stop()));
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
  }
}
