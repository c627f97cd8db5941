import { useId } from 'react';
import type { KnowledgeItem, KnowledgeMap } from '../../../shared/views/knowledge';
import { DataTable } from './data-table';

/**
 * Who knew what, when (issue 17): a row per role and the facilitator, a column per round, each
 * inject and message in the rows of those who received it. Information that reached only some
 * roles is marked, with whether a recipient shared it; below, each decision with what its makers
 * had received before deciding. Renders the map shared/views/knowledge.ts built.
 */
export function KnowledgeMapView({ map }: { map: KnowledgeMap }) {
  const id = useId();
  const rowName = (rowId: string) => map.rows.find((r) => r.id === rowId)?.name ?? rowId;
  const byKey = new Map(map.items.map((i) => [i.key, i]));
  const partial = map.items.filter((i) => i.partial && i.kind === 'inject');
  return (
    <section className="panel knowledge-map" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Who knew what, when</h2>
      <p className="muted">
        Each inject and message sits in the rows of those who received it, in the round it arrived.{' '}
        <span className="tag tag-warn">only some roles</span> marks what reached only part of the table.
      </p>
      <div className="knowledge-scroll">
        <DataTable
          caption="Who received each inject and message, by role and round"
          columns={['Role', ...map.rounds.map((r) => (r === 0 ? 'Before round 1' : `Round ${r}`))]}
          className="knowledge-grid"
        >
          {map.rows.map((row) => (
            <tr key={row.id} data-row={row.id}>
              <th scope="row">{row.name}</th>
              {map.rounds.map((round) => {
                const items = map.items.filter((i) => i.round === round && i.rows.includes(row.id));
                return (
                  <td key={round}>
                    {items.length > 0 && (
                      <ul>
                        {items.map((item) => (
                          <li
                            key={item.key}
                            data-item={item.key}
                            className={item.partial ? 'knowledge-item partial' : 'knowledge-item'}
                          >
                            <ItemLabel item={item} />
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </DataTable>
      </div>

      <h3>Information that reached only some roles</h3>
      {partial.length === 0 ? (
        <p className="muted">Every inject reached the whole table.</p>
      ) : (
        <ul>
          {partial.map((item) => (
            <li key={item.key}>
              <strong>{item.title}</strong> (round {item.round}) reached {item.rows.map(rowName).join(', ')}.{' '}
              {item.citations.length === 0 ? (
                <span className="tag tag-bad">not shared</span>
              ) : (
                <>
                  <span className="tag tag-ok">shared</span>{' '}
                  {item.citations
                    .map((c) => `by ${rowName(c.by)} in a ${c.kind} (round ${c.round})`)
                    .join('; ')}
                </>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>What each decision was made knowing</h3>
      {map.decisions.length === 0 ? (
        <p className="muted">No decisions were made.</p>
      ) : (
        <DataTable
          caption="Each decision and what its makers had received before"
          columns={['Round', 'Decision', 'Who, and what they had seen']}
        >
          {map.decisions.map((d) => (
            <tr key={d.proposalId}>
              <td>{d.round}</td>
              <th scope="row">
                {d.title} <span className="muted">({d.applied ? 'applied' : d.status})</span>
              </th>
              <td>
                <ul>
                  {d.steps.map((s) => {
                    const partialSeen = s.seen.map((k) => byKey.get(k)).filter((i) => i?.partial);
                    return (
                      <li key={`${s.kind}-${s.by}-${s.at}`}>
                        {rowName(s.by)} {s.kind.replace('-', ' ')} having seen {s.seen.length} item
                        {s.seen.length === 1 ? '' : 's'}
                        {partialSeen.length > 0 &&
                          `, including ${partialSeen.map((i) => `“${i?.title}”`).join(', ')} (only some roles)`}
                      </li>
                    );
                  })}
                </ul>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}

function ItemLabel({ item }: { item: KnowledgeItem }) {
  return (
    <>
      <span className="visually-hidden">{item.kind === 'inject' ? 'Inject: ' : 'Message: '}</span>
      <span aria-hidden="true">{item.kind === 'inject' ? '▼ ' : '✉ '}</span>
      {item.title}
      {item.partial && (
        <>
          {' '}
          <span className="tag tag-warn">only some roles</span>
        </>
      )}
    </>
  );
}
