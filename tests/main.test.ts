import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeDingTalk } from "./fakes/dingtalk-server.js";
import { FakeFeishu } from "./fakes/feishu-server.js";
import { FakeFeishuWs } from "./fakes/feishu-ws-server.js";
import { FakeWeCom } from "./fakes/wecom-server.js";
import { waitUntil } from "./fakes/wait.js";
import { startFakeTelegram, type FakeTelegram } from "./fakes/telegram-server.js";
import { makeCorpus, type TempCorpus } from "./helpers/corpus.js";
import { buildDist } from "./helpers/build.js";
import { FIXTURES, ROOT } from "./helpers/paths.js";

const RECORDS = join(FIXTURES, "records");

let corpus: TempCorpus | undefined;
let child: ChildProcess | undefined;
let tg: FakeTelegram | undefined;

afterEach(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await tg?.close();
  corpus?.cleanup();
  child = tg = corpus = undefined;
});

beforeAll(buildDist, 180_000);

/** The command line of `npm start` (`exec node dist/main.js`), run here with this Node. */
const START_ARGS = (JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")).scripts.start as string).split(/\s+/).slice(2);

/** Starts `npm start` the way package.json runs it, and collects its structured logs. */
/** The variables every start below shares: the archive, its index, sessions and the feedback log in the temporary corpus. */
const corpusEnv = (c: TempCorpus) => ({
  MINUTES_DIR: c.minutesDir,
  INDEX_DIR: c.indexDir,
  SESSION_DIR: `${c.dir}/sessions`,
  FEEDBACK_LOG: `${c.dir}/f.jsonl`,
});

function start(env: Record<string, string>) {
  const logs: Record<string, unknown>[] = [];
  let stdout = "";
  const p = spawn(process.execPath, START_ARGS, { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let buf = "";
  p.stderr!.on("data", (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf("\n")) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      try {
        logs.push(JSON.parse(line));
      } catch {
        logs.push({ raw: line });
      }
    }
  });
  const waitLog = async (msg: string, ms = 60_000) => {
    const t0 = Date.now();
    while (Date.now() - t0 < ms) {
      const hit = logs.find((l) => l.msg === msg);
      if (hit) return hit;
      if (p.exitCode !== null) throw new Error(`exited ${p.exitCode}: ${JSON.stringify(logs)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no «${msg}» log: ${JSON.stringify(logs)}`);
  };
  p.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  const exited = new Promise<number | null>((r) => p.on("exit", (code) => r(code)));
  return { p, logs, waitLog, exited, stdout: () => stdout };
}

describe("the compiled product", () => {
  it("runs from dist/ without tsx: the ingest's build workers and the PDF reader's worker start from the compiled files", () => {
    expect(START_ARGS).toEqual(["dist/main.js"]);
    const dir = mkdtempSync(join(tmpdir(), "dist-ingest-"));
    // Counts the worker threads that report ready (as ingest.ts's BuildWorkers waits for them) and any that fail.
    const script = `
      import wt from "node:worker_threads";
      import { syncBuiltinESMExports } from "node:module";
      const Base = wt.Worker; let ready = 0; const errors = [];
      wt.Worker = class extends Base { constructor(...a) { super(...a); this.on("error", (e) => errors.push(String(e))); this.on("message", (m) => { if (m.type === "ready") ready++; if (m.type === "error") errors.push(m.error ?? m.message); }); } };
      syncBuiltinESMExports();
      const { ingest } = await import(${JSON.stringify(pathToFileURL(join(ROOT, "dist/index/ingest.js")).href)});
      const r = await ingest({ minutesDir: ${JSON.stringify(RECORDS)}, indexDir: ${JSON.stringify(join(dir, "index"))}, workers: 2, rebuild: true, embedder: { provider: "local" } });
      console.log(JSON.stringify({ ready, errors, documents: r.documents, failed: r.failed.map((f) => f.path) }));`;
    writeFileSync(join(dir, "ingest.mjs"), script);
    try {
      const r = spawnSync(process.execPath, [join(dir, "ingest.mjs")], { cwd: ROOT, encoding: "utf8", env: { ...process.env, NODE_OPTIONS: "" } });
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout.trim().split("\n").pop()!);
      expect(out.ready).toBe(2);
      expect(out.errors).toEqual([]);
      expect(out.documents).toBeGreaterThanOrEqual(20);
      expect(out.failed.filter((f: string) => f.endsWith(".pdf"))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("npm start", () => {
  it("a start-up failure names the variable to fix: WEB_HOST, an unreachable TELEGRAM_API_ROOT, a missing MINUTES_DIR", async () => {
    corpus = makeCorpus();
    const base = { MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, SESSION_DIR: `${corpus.dir}/sessions` };
    const cases: [Record<string, string>, RegExp][] = [
      [{ WEB_HOST: "no-such-host.invalid", WEB_PORT: "0" }, /WEB_HOST — cannot listen on no-such-host\.invalid:0: the host name does not resolve/],
      [
        { TELEGRAM_BOT_TOKEN: "4242:StartupTokenValue-abc", TELEGRAM_API_ROOT: "http://127.0.0.1:9" },
        /TELEGRAM_API_ROOT — cannot reach the Bot API at http:\/\/127\.0\.0\.1:9/,
      ],
      [{ MINUTES_DIR: `${corpus.dir}/no-such-folder`, INDEX_DIR: `${corpus.dir}/other-index` }, /MINUTES_DIR — .*no-such-folder: no such folder/],
    ];
    for (const [env, message] of cases) {
      const s = start({ ...base, ...env });
      child = s.p;
      expect(await s.exited, JSON.stringify(env)).toBe(1);
      const said = s.logs.map((l) => (typeof l.raw === "string" ? l.raw : JSON.stringify(l))).join("\n");
      expect(said).toMatch(message);
      expect(said).not.toContain("StartupTokenValue");
      expect(said).not.toMatch(/\n\s+at /);
    }
  }, 90_000);

  it("offline default: builds the index, serves the web chat and API, stops cleanly on SIGTERM", async () => {
    corpus = makeCorpus({ internal: true });
    const s = start({ MINUTES_DIR: corpus.minutesDir, INDEX_DIR: corpus.indexDir, WEB_PORT: "0", SESSION_DIR: `${corpus.dir}/sessions` });
    child = s.p;
    const { url } = (await s.waitLog("web chat listening")) as { url: string };
    await waitUntil(() => s.stdout().includes("Press Ctrl-C"), "the start-up hints on stdout");
    expect(s.stdout()).toContain(`web chat: ${url}`);
    // The operator sees which index generation is served.
    expect(s.logs.some((l) => /^index generation g\d+-\d+-\d+ loaded: 2 documents$/.test(String(l.msg)))).toBe(true);
    expect(s.stdout()).toContain("TELEGRAM_BOT_TOKEN");
    expect(s.stdout()).toContain("LLM_BASE_URL");
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("纪要");
    const res = await fetch(`${url}api/ask`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "交通规划强调了什么" }),
    });
    const a = await res.json();
    expect(a.found).toBe(true);
    expect(a.citations[0].item.ordinal).toBe(7);
    const list = await (await fetch(`${url}api/minutes`)).json();
    expect(JSON.stringify(list)).not.toContain("枫林");
    s.p.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(s.logs.some((l) => l.msg === "stopped")).toBe(true);
  });

  it("with a bot token: answers on Telegram through TELEGRAM_API_ROOT, keeps the token out of logs, stops on SIGTERM", async () => {
    corpus = makeCorpus();
    tg = await startFakeTelegram({ token: "123456:SecretTokenValue_abcdefghij" });
    const s = start({
      ...corpusEnv(corpus),
      TELEGRAM_BOT_TOKEN: tg.token,
      TELEGRAM_API_ROOT: tg.apiRoot,
    });
    child = s.p;
    await s.waitLog("bot started");
    tg.sendText({ id: 77 }, { id: 77, first_name: "Ann" }, "交通规划强调了什么");
    const msg = await tg.waitFor("sendMessage", (c) => c.payload.chat_id === 77 && c.ok === true, 30_000);
    expect(msg.payload.parse_mode).toBe("HTML");
    expect(String(msg.payload.text)).toContain("七、");
    expect(String(msg.payload.text)).toContain("5+1");
    s.p.kill("SIGTERM");
    expect(await s.exited).toBe(0);
    expect(JSON.stringify(s.logs)).not.toContain("SecretTokenValue");
    expect(s.logs.some((l) => l.msg === "web chat listening")).toBe(false); // no WEB_PORT: bot only
  });

  it("with Feishu variables: answers over the long connection (the default, no public URL) through FEISHU_BASE_URL, keeps the secret out of logs, stops on SIGTERM", async () => {
    corpus = makeCorpus();
    const opts = { appId: "cli_a1b2c3d4e5f60718", appSecret: "AppSecretValue-feishu", encryptKey: "", verificationToken: "", botOpenId: "ou_bot" };
    const fake = await new FakeFeishuWs(opts).start();
    try {
      const s = start({
        ...corpusEnv(corpus),
        WEB_PORT: "0",
        FEISHU_APP_ID: opts.appId,
        FEISHU_APP_SECRET: opts.appSecret,
        FEISHU_BASE_URL: fake.baseUrl,
      });
      child = s.p;
      await s.waitLog("feishu long connection ready");
      const sent = fake.sendMessage("交通规划强调了什么");
      const [reply] = await fake.waitForReplies(1, 30_000);
      expect(reply!.text).toContain("七、");
      expect(reply!.text).toContain("5+1");
      expect((await fake.waitForAck(sent.frameId)).code).toBe(200);
      s.p.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      expect(fake.openConnections).toBe(0);
      expect(JSON.stringify(s.logs) + s.stdout()).not.toContain("AppSecretValue");
    } finally {
      await fake.close();
    }
  });

  it("with FEISHU_MODE=http: answers events posted to the endpoint, keeps its secrets out of logs, stops on SIGTERM", async () => {
    corpus = makeCorpus();
    const opts = {
      appId: "cli_main",
      appSecret: "AppSecretValue-feishu",
      encryptKey: "EncryptKeyValue-feishu",
      verificationToken: "VerifyTokenValue-feishu",
      botOpenId: "ou_bot",
    };
    const fake = await new FakeFeishu(opts).start();
    try {
      const s = start({
        ...corpusEnv(corpus),
        WEB_PORT: "0",
        FEISHU_MODE: "http",
        FEISHU_APP_ID: opts.appId,
        FEISHU_APP_SECRET: opts.appSecret,
        FEISHU_ENCRYPT_KEY: opts.encryptKey,
        FEISHU_VERIFICATION_TOKEN: opts.verificationToken,
        FEISHU_BASE_URL: fake.baseUrl,
        FEISHU_EVENT_PORT: "0",
      });
      child = s.p;
      const listening = await s.waitLog("feishu event endpoint listening");
      await fake.deliver(String(listening.url), "交通规划强调了什么");
      const [reply] = await fake.waitForReplies(1, 30_000);
      expect(reply!.text).toContain("七、");
      expect(reply!.text).toContain("5+1");
      s.p.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      for (const secret of ["AppSecretValue", "EncryptKeyValue", "VerifyTokenValue"]) expect(JSON.stringify(s.logs)).not.toContain(secret);
    } finally {
      await fake.close();
    }
  });

  it("with DingTalk variables: answers in Stream mode through DINGTALK_API_URL, keeps the secret out of logs, stops on SIGTERM", async () => {
    corpus = makeCorpus();
    const fake = await new FakeDingTalk({ clientId: "ding-main", clientSecret: "DingSecretValue-main" }).start();
    try {
      const s = start({
        ...corpusEnv(corpus),
        WEB_PORT: "0",
        DINGTALK_CLIENT_ID: "ding-main",
        DINGTALK_CLIENT_SECRET: "DingSecretValue-main",
        DINGTALK_API_URL: fake.baseUrl,
      });
      child = s.p;
      await s.waitLog("dingtalk stream connected");
      fake.sendRobot("交通规划强调了什么");
      const [reply] = await fake.waitForReplies(1, 30_000);
      expect(reply!.text).toContain("七、");
      expect(reply!.text).toContain("5+1");
      s.p.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      expect(JSON.stringify(s.logs) + s.stdout()).not.toContain("DingSecretValue");
    } finally {
      await fake.close();
    }
  });

  it("with WeCom variables: answers the application through message/send and the AI bot through response_url, keeps the secrets out of logs, stops on SIGTERM", async () => {
    corpus = makeCorpus();
    const bot = { token: "WeComBotTokenValue", aesKey: "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210abcdefg" };
    const opts = {
      corpId: "ww-main",
      agentId: "1000002",
      secret: "WeComSecretValue-main",
      token: "WeComTokenValue",
      aesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
      bot,
    };
    const fake = await new FakeWeCom(opts).start();
    try {
      const s = start({
        ...corpusEnv(corpus),
        WEB_PORT: "0",
        WECOM_CORP_ID: opts.corpId,
        WECOM_AGENT_ID: opts.agentId,
        WECOM_SECRET: opts.secret,
        WECOM_TOKEN: opts.token,
        WECOM_ENCODING_AES_KEY: opts.aesKey,
        WECOM_API_URL: fake.baseUrl,
        WECOM_CALLBACK_PORT: "0",
        WECOM_BOT_TOKEN: bot.token,
        WECOM_BOT_ENCODING_AES_KEY: bot.aesKey,
      });
      child = s.p;
      const listening = await s.waitLog("wecom callback listening");
      await fake.deliver(String(listening.url), "交通规划强调了什么");
      // The answer may come in several parts.
      const sentText = () => fake.sent.map((m) => m.content).join("\n");
      await waitUntil(() => sentText().includes("七、") && sentText().includes("5+1"), "the WeCom answer");
      const text = sentText();
      expect(text).toContain("七、");
      expect(text).toContain("5+1");
      const botListening = await s.waitLog("wecom ai bot listening");
      await fake.deliverBot(String(botListening.url), "交通规划强调了什么", { group: "wrkMain1", user: "zhaoliu" });
      expect((await fake.waitForBotReplies(1, 30_000))[0]!.content).toContain("5+1");
      s.p.kill("SIGTERM");
      expect(await s.exited).toBe(0);
      for (const secret of ["WeComSecretValue", "WeComTokenValue", opts.aesKey, bot.token, bot.aesKey]) expect(JSON.stringify(s.logs)).not.toContain(secret);
    } finally {
      await fake.close();
    }
  });
});
