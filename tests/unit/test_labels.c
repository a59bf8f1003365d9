/* test_labels: CheXpert label CSVs. */
#include <string.h>

#include "check.h"
#include "labels.h"

static const char HDR[] = "Path,Sex,Age,Frontal/Lateral,AP/PA,No Finding,Enlarged Cardiomediastinum,"
    "Cardiomegaly,Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
    "Pleural Effusion,Pleural Other,Fracture,Support Devices\n";

static void
test_path_id(void)
{
	char *s;

	CHECK_STR(s = cx_labels_path_id("CheXpert-v1.0/valid/patient64541/study1/view1_frontal.jpg"),
	    "patient64541_study1_view1_frontal");
	free(s);
	CHECK_STR(s = cx_labels_path_id("patient1/study2/view3_lateral.png"), "patient1_study2_view3_lateral");
	free(s);
	CHECK_STR(s = cx_labels_path_id("/data/test/patient9/study1/view1_frontal"), "patient9_study1_view1_frontal");
	free(s);
	CHECK(cx_labels_path_id("valid/study1/view1_frontal.jpg") == NULL);
	CHECK(cx_labels_path_id("view1_frontal.jpg") == NULL);
	CHECK(cx_labels_path_id("") == NULL);
}

/* Values of the first two rows of sample-data/valid.csv, read by hand:
 * patient64541: Cardiomegaly 1.0, Lung Opacity 1.0, Enlarged Cardiomediastinum 1.0,
 * Support Devices 0.0; patient64542: Support Devices 1.0, Male, 70, PA. */
static void
test_sample_csv(void)
{
	const char *s = check_shared("sample-data");
	char path[2048];
	struct cx_labels l;
	struct cx_err err = {0};
	const struct cx_labelrow *r;

	if (s == NULL)
		SKIP("../shared/reference/sample-data not present");
	snprintf(path, sizeof path, "%s/valid.csv", s);
	CHECK(cx_labels_load(&l, path, &err) == 0);
	CHECK(l.n == 2);
	r = cx_labels_find(&l, "patient64541_study1_view1_frontal");
	CHECK(r != NULL);
	if (r) {
		CHECK(cx_labels_task(r, cx_task_id("Cardiomegaly")) == CX_LABEL_POS);
		CHECK(cx_labels_task(r, cx_task_id("Airspace Opacity")) == CX_LABEL_POS);
		CHECK(cx_labels_task(r, cx_task_id("Enlarged Cardiomediastinum")) == CX_LABEL_POS);
		CHECK(cx_labels_task(r, cx_task_id("Support Devices")) == CX_LABEL_NEG);
		CHECK(r->age == 73 && strcmp(r->appa, "AP") == 0);
	}
	r = cx_labels_find(&l, "patient64542_study1_view1_frontal");
	CHECK(r != NULL);
	if (r) {
		CHECK(cx_labels_task(r, cx_task_id("Support Devices")) == CX_LABEL_POS);
		CHECK(r->age == 70 && strcmp(r->sex, "Male") == 0 && strcmp(r->appa, "PA") == 0);
		CHECK(strcmp(r->view, "Frontal") == 0);
	}
	CHECK(cx_labels_find(&l, "patient1_study1_view1_frontal") == NULL);
	cx_labels_fini(&l);
}

static void
test_quoted_uncertain_empty(void)
{
	char buf[4096];
	struct cx_labels l;
	struct cx_err err = {0};
	const struct cx_labelrow *r;

	/* reordered columns, quotes with an escaped quote, CRLF, empty and -1 values */
	snprintf(buf, sizeof buf,
	    "\"Edema\",Path,\"Sex\",Lung Opacity\r\n"
	    "-1.0,\"x/patient2/study1/view1_frontal.jpg\",\"Fe\"\"male\",\r\n"
	    "1,x/patient1/study1/view2_lateral.jpg,,0.0\r\n\r\n");
	CHECK(cx_labels_parse(&l, buf, strlen(buf), "t.csv", &err) == 0);
	CHECK(l.n == 2);
	if (l.n == 2) {
		r = &l.r[0];	/* sorted: patient1 first */
		CHECK_STR(r->id, "patient1_study1_view2_lateral");
		CHECK(r->v[5] == CX_LABEL_POS && r->v[4] == CX_LABEL_NEG && r->v[0] == CX_LABEL_NONE);
		CHECK(r->age == -1 && r->line == 3);
		r = &l.r[1];
		CHECK_STR(r->sex, "Fe\"male");
		CHECK(cx_labels_task(r, cx_task_id("Edema")) == CX_LABEL_UNC);
		CHECK(cx_labels_task(r, cx_task_id("Airspace Opacity")) == CX_LABEL_NONE);
	}
	cx_labels_fini(&l);
}

static void
expect_err(const char *body, const char *where, const char *needle)
{
	char buf[4096];
	struct cx_labels l;
	struct cx_err err = {0};

	snprintf(buf, sizeof buf, "%s%s", HDR, body);
	CHECK(cx_labels_parse(&l, buf, strlen(buf), "bad.csv", &err) == -1);
	CHECK(l.n == 0 && l.r == NULL);
	CHECK_STR(err.file, "bad.csv");
	CHECK_STR(err.where, where);
	if (strstr(err.msg, needle) == NULL) {
		fprintf(stderr, "  message \"%s\" lacks \"%s\"\n", err.msg, needle);
		check_failures++;
	}
}

static void
test_errors(void)
{
	struct cx_labels l;
	struct cx_err err = {0};

	/* 2.0 in Cardiomegaly (column 8 of the row: offset of the field) */
	expect_err("a/patient1/study1/view1_frontal.jpg,Male,70,Frontal,PA,0.0,0.0,2.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n",
	    "2:64", "Cardiomegaly");
	expect_err("a/patient1/study1/view1_frontal.jpg,Male\n", "2:1", "2 fields");
	expect_err("a/b/c.jpg,Male,70,Frontal,PA,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n",
	    "2:1", "patient");
	expect_err("\"a/patient1/study1/view1_frontal.jpg,Male\n", "2:1", "unterminated");
	expect_err("a/patient1/study1/view1_frontal.jpg,M,x,Frontal,PA,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0\n",
	    "2:39", "Age");
	expect_err("a/patient1/study1/view1_frontal.jpg,,,,,,,,,,,,,,,,,,\n"
	    "b/patient1/study1/view1_frontal.jpg,,,,,,,,,,,,,,,,,,\n", "3:1", "line 2");
	CHECK(cx_labels_parse(&l, "", 0, "e.csv", &err) == -1);
	CHECK(cx_labels_parse(&l, "a,b\n1,2\n", 8, "e.csv", &err) == -1);
	CHECK(strstr(err.msg, "Path") != NULL);
}

/* Found by fuzz_labels: a header without rows (qsort of NULL) and a NUL byte
 * inside the header (the fields read before it leaked). */
static void
test_fuzz_regressions(void)
{
	struct cx_labels l;
	struct cx_err err = {0};
	static const char nul[] = "Path,Sex,L\0x\n";

	CHECK(cx_labels_parse(&l, "Path,Sex,Edema\n", 15, "h.csv", &err) == 0 && l.n == 0);
	cx_labels_fini(&l);
	CHECK(cx_labels_parse(&l, nul, sizeof nul - 1, "n.csv", &err) == -1);
	CHECK_STR(err.where, "1:11");
	CHECK(strstr(err.msg, "NUL") != NULL);
}

/* Issue 15: a CSV with no task column is no label CSV (it read as every count
 * 0); the CheXlocalize test CSV (Path and the 14 tasks, no demographic
 * columns) stays valid, with a BOM and CRLF or lone-CR line ends too; a hex
 * value (which strtod took as 1) and a NUL in a quoted field are refused. */
static void
test_issue15(void)
{
	static const char loc[] = "\xef\xbb\xbfPath,No Finding,Enlarged Cardiomediastinum,Cardiomegaly,"
	    "Lung Opacity,Lung Lesion,Edema,Consolidation,Pneumonia,Atelectasis,Pneumothorax,"
	    "Pleural Effusion,Pleural Other,Fracture,Support Devices\r"
	    "test/patient64741/study1/view1_frontal.jpg,0,0,1,0,0,1.0,0,0,0,0,0,0,0,1\r\n"
	    "test/patient64742/study1/view1_frontal.jpg,1,0,0,0,0,0,0,0,0,0,0,0,0,NA\r";
	static const char qnul[] = "Path,Edema\n\"patient1/study1/view1_frontal.jpg\",\"1\0x\"\n";
	struct cx_labels l;
	struct cx_err err = {0};
	const struct cx_labelrow *r;

	CHECK(cx_labels_parse(&l, "Path,Sex\npatient1/study1/view1_frontal.jpg,Male\n", 48, "s.csv", &err) == -1);
	CHECK_STR(err.where, "1:1");
	CHECK(strstr(err.msg, "no CheXpert task column") != NULL);
	CHECK(cx_labels_parse(&l, loc, sizeof loc - 1, "loc.csv", &err) == 0);
	CHECK(l.n == 2);
	if ((r = cx_labels_find(&l, "patient64741_study1_view1_frontal")) != NULL) {
		CHECK(cx_labels_task(r, cx_task_id("Edema")) == CX_LABEL_POS);
		CHECK(cx_labels_task(r, cx_task_id("Cardiomegaly")) == CX_LABEL_POS);
		CHECK(cx_labels_task(r, cx_task_id("Lung Lesion")) == CX_LABEL_NEG);
	} else
		CHECK(!"patient64741 read");
	if ((r = cx_labels_find(&l, "patient64742_study1_view1_frontal")) != NULL)
		CHECK(cx_labels_task(r, cx_task_id("Support Devices")) == CX_LABEL_NONE);
	else
		CHECK(!"patient64742 read");
	cx_labels_fini(&l);
	{
		const char *hex = "Path,Edema\npatient1/study1/view1_frontal.jpg,0x1\n";
		CHECK(cx_labels_parse(&l, hex, strlen(hex), "h.csv", &err) == -1);
		CHECK_STR(err.where, "2:35");
		CHECK(strstr(err.msg, "Edema: want") != NULL);
	}
	CHECK(cx_labels_parse(&l, qnul, sizeof qnul - 1, "q.csv", &err) == -1);
	CHECK(strstr(err.msg, "NUL") != NULL);
}

int
main(void)
{
	RUN(test_fuzz_regressions);
	RUN(test_path_id);
	RUN(test_sample_csv);
	RUN(test_quoted_uncertain_empty);
	RUN(test_errors);
	RUN(test_issue15);
	return CHECK_DONE();
}
