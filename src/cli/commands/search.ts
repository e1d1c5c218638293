import { loadConfig } from "../../config.js";
import { citationLabel } from "../../answer/citations.js";
import { FULL_ACCESS, PUBLIC_ACCESS } from "../../answer/types.js";
import { InputError } from "../../errors.js";
import { openCliEngine } from "../open-engine.js";
import { intOption, type Command } from "../args.js";

export const searchCommand: Command = {
  name: "search",
  summary: "rank passages for a query: score, citation and exact quote",
  summaryZh: "检索段落：得分、出处和原文",
  examples: ['minutes search "一网统管" --k 5', 'minutes search "燃气安全" --from 2023-01-01 --public'],
  usage: 'search "<query>" [--k N] [--number N] [--minutes ID] [--from DATE] [--to DATE] [--unit UNIT] [--public] [--json]',
  options: {
    k: { type: "string" },
    json: { type: "boolean" },
    number: { type: "string" },
    minutes: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    unit: { type: "string" },
    public: { type: "boolean" },
  },
  async run({ positionals, values }, io) {
    const query = positionals.join(" ").trim();
    if (!query) throw new InputError("usage", "give a query, e.g. minutes search 一网统管");
    const k = intOption(values, "k", 5, 1, 100);
    for (const name of ["from", "to"] as const) {
      const v = values[name] as string | undefined;
      if (v !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(v))
        throw new InputError("usage", `--${name} must be a date like 2022-01-21 (got «${v}»)`, { subject: `--${name}` });
    }
    const filters = {
      number: values.number === undefined ? undefined : intOption(values, "number", 0, 0, 100_000),
      minutesId: values.minutes as string | undefined,
      dateFrom: values.from as string | undefined,
      dateTo: values.to as string | undefined,
      unit: values.unit as string | undefined,
    };
    const engine = await openCliEngine(loadConfig(io.env), io);
    // The CLI runs on the operator's machine: it sees internal minutes unless --public.
    const hits = await engine.search(query, { k, access: values.public ? PUBLIC_ACCESS : FULL_ACCESS, ...filters });
    if (values.json) {
      io.out(JSON.stringify({ query, hits }, null, 2));
      return 0;
    }
    if (!hits.length) io.out("no passage matches");
    hits.forEach((h, i) =>
      io.out(`${i + 1}. [${h.score.toFixed(2)}] ${citationLabel({ ...h, n: i + 1 })}${h.visibility === "internal" ? " (内部)" : ""}\n   ${h.quote}\n`),
    );
    return 0;
  },
};
