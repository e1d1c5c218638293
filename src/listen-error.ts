/** A server that cannot listen, blamed on the variable to change: «WECOM_CALLBACK_PORT: cannot listen on 127.0.0.1:3002: it is already in use». */
import { type Config, variableError } from "./config.js";

/** Why a listen failed, by error code, and whether the host or the port is to change. */
const LISTEN_PROBLEMS: Record<string, { variable: "host" | "port"; why: string }> = {
  EADDRINUSE: { variable: "port", why: "it is already in use" },
  EACCES: { variable: "port", why: "it needs more privileges" },
  EADDRNOTAVAIL: { variable: "host", why: "it is not an address of this machine" },
  ENOTFOUND: { variable: "host", why: "the host name does not resolve" },
  EAI_AGAIN: { variable: "host", why: "the host name could not be resolved" },
  EAI_FAIL: { variable: "host", why: "the host name could not be resolved" },
  EINVAL: { variable: "host", why: "it is not a valid address" },
};

/** The variables that set a server's address, e.g. WECOM_CALLBACK_HOST and WECOM_CALLBACK_PORT. */
export interface ListenVariables {
  host: keyof Config;
  port: keyof Config;
}

/** A ConfigError naming the host or port variable for a known listen failure; other errors unchanged. */
export function listenError(err: NodeJS.ErrnoException, where: { host: string; port: number }, variables: ListenVariables): Error {
  const problem = LISTEN_PROBLEMS[err.code ?? ""];
  return problem ? variableError(variables[problem.variable], `cannot listen on ${where.host}:${where.port}: ${problem.why}`, err) : err;
}
