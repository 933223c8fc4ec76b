// `--format html` and `--format markdown`: the folder report. Each file's result is folded into a
// report row as it arrives (keeping only a capped copy of its text for the detail view); the page
// is written once, at the end, because its summary and its worst-first order need every draft.

import path from 'node:path';
import { ReportBuilder } from '../../report/model';
import { renderReportHtml } from '../../report/html';
import { renderReportMarkdown } from '../../report/markdown';
import type { FolderReport } from '../../report/model';
import type { FormatContext, FormatDefinition, OutputSink } from './types';

/** The folder the report is about: the deepest directory shared by every file, or the working directory. */
export function reportTitle(files: readonly string[], cwd: string): string {
  const dirs = files.map((f) => path.dirname(path.resolve(cwd, f)).split(path.sep));
  let common = dirs[0] ?? cwd.split(path.sep);
  for (const d of dirs.slice(1)) {
    let n = 0;
    while (n < common.length && n < d.length && common[n] === d[n]) n++;
    common = common.slice(0, n);
  }
  return path.basename(common.join(path.sep) || cwd) || cwd;
}

function reportFormat(name: string, description: string, render: (report: FolderReport) => string): FormatDefinition {
  return {
    name,
    description,
    readsText: true,
    create(out: OutputSink, context: FormatContext) {
      let builder: ReportBuilder | undefined;
      const files: string[] = [];
      return {
        begin() {},
        file(result) {
          builder ??= new ReportBuilder(context.profile(), { rules: context.rules });
          files.push(result.file);
          builder.add(result);
        },
        end() {
          builder ??= new ReportBuilder(context.profile(), { rules: context.rules });
          out.write(render(builder.finish(reportTitle(files, context.cwd))));
        },
      };
    },
  };
}

export const htmlFormat = reportFormat('html', '文件夹报告：单个 HTML 文件（可排序、可筛选，含全文标注；配合 -o report.html）', (r) => renderReportHtml(r));
export const markdownFormat = reportFormat('markdown', '文件夹报告：Markdown 表格与概览，便于贴到聊天或邮件', renderReportMarkdown);
