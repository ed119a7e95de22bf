import { api } from '../api/client';
import { BudgetForm } from '../components/BudgetForm';
import { useMutation } from '../hooks/useMutation';
import { href } from '../hooks/useRoute';

export function CreateBudget() {
  const create = useMutation(api.createBudget);
  return (
    <>
      <p className="breadcrumb"><a href={href.overview}>Overview</a> /</p>
      <header className="page-head"><h1>New budget</h1></header>
      <section className="card narrow">
        <BudgetForm state={create} submitLabel="Create budget" onSubmit={(input) => {
          void create.run(input).then((created) => {
            if (created) window.location.hash = href.budget(created.value.id);
          });
        }} />
      </section>
    </>
  );
}
