import type { WorkerTask } from './tasks.ts';

/**
 * The worker threads' entry. Each kind of task loads its code on first use, so a thread that only
 * ever parses imports never loads pdfkit and its fonts, and the main process loads neither.
 */
export default async function runTask(task: WorkerTask): Promise<unknown> {
  switch (task.kind) {
    case 'render':
      return (await import('../export/renderFile.ts')).renderFile(task.model, task.format, task.options);
    case 'render-report':
      return (await import('../export/report/renderReport.ts')).renderReportFile(task.model, task.format, task.images);
    case 'reportModel':
      return (await import('../reports/model/reportModelTask.ts')).buildReportModelFromStates(task.input);
    case 'image':
      return (await import('../images/imageSanitize.ts')).sanitizeImage(task.bytes, task.limits);
    case 'import':
      return (await import('../minutes/draftParse.ts')).parseDraft(task.bytes, task.format, task.limits);
  }
}
