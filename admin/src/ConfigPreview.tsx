// The step between editing and saving: what the change does, in the page's language (changeText), and
// the config file's lines it removes and adds, each with its line numbers before and after. A removed
// or added line is told by its sign and, for a screen reader, in words, not by its colour alone.
import type { Locale } from '@vikno/shared/browser';
import { useEffect, useRef } from 'react';
import type { DiffLine, SaveResult } from './api.js';
import { changeText } from './config-text.js';

const SIGN: Record<DiffLine['kind'], string> = { removed: '−', added: '+', same: '' };

export function ConfigPreview({
  preview,
  locale,
  onConfirm,
  onBack,
}: {
  preview: SaveResult;
  locale: Locale;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const title = useRef<HTMLHeadingElement>(null);
  // The step is new content in place of the tab: the reader starts at its title.
  useEffect(() => title.current?.focus(), []);
  const { file } = preview;
  return (
    <section className="preview" aria-labelledby="preview-title">
      <h2 id="preview-title" tabIndex={-1} ref={title}>
        {locale.t('admin.preview.title')}
      </h2>
      <p>{locale.t('admin.preview.changes')}</p>
      <ul className="preview-changes">
        {preview.changes.map((c) => {
          const text = changeText(c, locale);
          return <li key={text}>{text}</li>;
        })}
      </ul>
      {file ? (
        <>
          <p>{locale.t('admin.preview.file', { file: file.file, removed: file.removed, added: file.added })}</p>
          {file.hunks.map((lines, i) => (
            <div className="table-wrap" key={`${lines[0]?.before ?? ''}-${lines[0]?.after ?? ''}`}>
              <table className="diff">
                <caption>{locale.t('admin.preview.hunk', { n: i + 1, total: file.hunks.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{locale.t('admin.preview.before')}</th>
                    <th scope="col">{locale.t('admin.preview.after')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{locale.t('admin.preview.kind')}</span>
                    </th>
                    <th scope="col">{locale.t('admin.preview.text')}</th>
                  </tr>
                </thead>
                <tbody>
                  {lines.map((line) => (
                    <tr key={`${line.kind}-${line.before ?? ''}-${line.after ?? ''}`} className={`diff-${line.kind}`}>
                      <td className="num">{line.before}</td>
                      <td className="num">{line.after}</td>
                      <td className="sign">
                        <span aria-hidden="true">{SIGN[line.kind]}</span>
                        <span className="visually-hidden">{locale.t(`admin.preview.${line.kind}`)}</span>
                      </td>
                      <td>
                        <code>{line.text}</code>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </>
      ) : (
        <p>{locale.t('admin.preview.noFile')}</p>
      )}
      <div className="preview-actions">
        <button type="button" className="primary" onClick={onConfirm}>
          {locale.t('admin.save')}
        </button>
        <button type="button" onClick={onBack}>
          {locale.t('admin.preview.back')}
        </button>
      </div>
    </section>
  );
}
